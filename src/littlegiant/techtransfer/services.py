"""Every state change of technology transfer: listings, enquiries, licences, statements and payments.

Each function is request-free (the web, the API, the CLI and tasks call the same one), runs in a transaction,
locks what it changes, checks permission with a reason, and leaves a `TransferEvent`. Dates come in as `today`
so that tests and the follow-up task can move time forward without patching a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.figures import services as figures
from littlegiant.notifications.services import notify
from littlegiant.numbers import NumberError, bounded_decimal
from littlegiant.techtransfer.models import (
    ACTIVE_LICENCE,
    MONEY,
    Enquiry,
    EnquiryKind,
    FeedbackCategory,
    Licence,
    LicenceAcceptance,
    LicenceStatus,
    LicenceText,
    ListingFeedback,
    ListingStatus,
    PatentListing,
    Payment,
    ResearchInstitution,
    Statement,
    TechnologyNeed,
    TransferEvent,
)
from littlegiant.techtransfer.permissions import (
    ensure,
    enterprise_decision,
    institution_decision,
    licence_decision,
    listing_decision,
)
from littlegiant.techtransfer.royalties import PeriodFigures, RoyaltyError, YearToDate, royalty_due
from littlegiant.techtransfer.search import index_listings

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise

REMINDER_DAYS_BEFORE_PAYING = 30
# How long a licensee has to pay a statement: the platform's default; no national rule is known (criteria.md
# §8.5 [U]).
PAYMENT_TERM_DAYS = 30
# The terms of a licence, which a listing offers and a varied licence changes.
TERM_FIELDS = (
    "exclusive",
    "free_months",
    "royalty_basis",
    "royalty_rate",
    "annual_fee",
    "annual_cap",
    "territory",
)
LISTING_FIELDS = (
    "application_number",
    "publication_number",
    "title",
    "abstract",
    "ipc_codes",
    "legal_status",
    "expires_on",
    "maturity",
    "problem",
    "benefit",
    "applications",
    *TERM_FIELDS,
)


def record_event(
    listing: PatentListing,
    *,
    actor: User | None,
    role: str,
    action: str,
    licence: Licence | None = None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    at: datetime | None = None,
) -> TransferEvent:
    """Add an entry to the audit trail of a listing (and of its licence), at `at` (now if not given)."""
    return TransferEvent.record(
        listing=listing,
        licence=licence,
        actor=actor,
        role=role,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        created_at=at or timezone.now(),
    )


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 month = 28/29
    Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


# Listings
# ------------------------------------------------------------------------------------------------------


def listing_region(listing: PatentListing) -> str:
    """The region a listing and its licences and royalties count in: its institution's (the rebuild uses this)."""
    return listing.institution.region_id


def tally_listing(listing: PatentListing, before: str) -> None:
    """Count a listing into or out of the published listings of the dashboards' summary tables."""
    change = int(listing.status == ListingStatus.PUBLISHED) - int(before == ListingStatus.PUBLISHED)
    if change:
        figures.tally(figures.Measure.LISTINGS, region_id=listing_region(listing), n=change)


def tally_licence(licence: Licence, before: str) -> None:
    """Count a licence out of its old stage and into its new one in the dashboards' summary tables."""
    figures.licence_moved(
        region_id=listing_region(licence.listing), from_stage=before, to_stage=licence.status
    )


def _move_licence(
    licence: Licence,
    to: str,
    *,
    actor: User | None,
    role: str,
    action: str,
    ended_on: date | None = None,
    comment: str = "",
) -> None:
    """Move a locked licence to `to` (ending it on `ended_on`, if given), count it in the summary tables and
    record the move in the trail: one step of every licence transition after its checks."""
    before = licence.status
    licence.status = to
    fields = ["status"]
    if ended_on is not None:
        licence.ended_on = ended_on
        fields.append("ended_on")
    licence.save(update_fields=fields)
    tally_licence(licence, before)
    record_event(
        licence.listing,
        licence=licence,
        actor=actor,
        role=role,
        action=action,
        from_state=before,
        to_state=to,
        comment=comment,
    )


def save_listing(
    *,
    by: User,
    institution: ResearchInstitution,
    values: dict[str, Any],
    industries: list[str] | None = None,
    listing: PatentListing | None = None,
    publish: bool = False,
    at: datetime | None = None,
) -> PatentListing:
    """An officer creates or edits a listing; the search index is updated in the same transaction. `at` is when
    (now if not given): the demo backdates the listings it publishes."""
    now = at or timezone.now()
    ensure(institution_decision(by, institution))
    with transaction.atomic():
        if listing is None:
            listing = PatentListing(institution=institution, created_by=by)
            before = ""
        else:
            listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
            if listing.institution_id != institution.pk:
                raise ValidationError(_("A listing cannot move to another institution."))
            before = listing.status
        for name in LISTING_FIELDS:
            if name in values:
                setattr(listing, name, values[name])
        if publish and listing.status != ListingStatus.PUBLISHED:
            listing.status = ListingStatus.PUBLISHED
            listing.published_at = now
        listing.full_clean()
        listing.save()
        if industries is not None:
            listing.industries.set(industries)
        index_listings([listing])
        tally_listing(listing, before)
        record_event(
            listing,
            actor=by,
            role="transfer_officer",
            action="edit" if before else "create",
            from_state=before,
            to_state=listing.status,
            at=now,
        )
    return listing


def publish_listing(listing: PatentListing, *, by: User, at: datetime | None = None) -> PatentListing:
    """An officer publishes a draft (or withdrawn) listing, so SMEs can find and license it (at `at`, or now)."""
    now = at or timezone.now()
    ensure(listing_decision(by, "edit", listing))
    with transaction.atomic():
        listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
        if listing.status == ListingStatus.PUBLISHED:
            raise ValidationError(_("This listing is already published."))
        before = listing.status
        listing.status = ListingStatus.PUBLISHED
        listing.published_at = listing.published_at or now
        listing.save(update_fields=["status", "published_at", "updated_at"])
        tally_listing(listing, before)
        record_event(
            listing,
            actor=by,
            role="transfer_officer",
            action="publish",
            from_state=before,
            to_state=listing.status,
            at=now,
        )
    return listing


def withdraw_listing(
    listing: PatentListing, *, by: User, comment: str = "", at: datetime | None = None
) -> PatentListing:
    """An officer takes a listing off the market (at `at`, or now); licences already taken run on."""
    ensure(listing_decision(by, "edit", listing))
    with transaction.atomic():
        listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
        if listing.status != ListingStatus.PUBLISHED:
            raise ValidationError(_("Only a published listing can be withdrawn."))
        listing.status = ListingStatus.WITHDRAWN
        listing.save(update_fields=["status", "updated_at"])
        tally_listing(listing, ListingStatus.PUBLISHED)
        record_event(
            listing,
            actor=by,
            role="transfer_officer",
            action="withdraw",
            from_state="published",
            to_state=listing.status,
            comment=comment,
            at=at,
        )
    return listing


# Enquiries and feedback
# ------------------------------------------------------------------------------------------


def _published(listing: PatentListing) -> None:
    if listing.status != ListingStatus.PUBLISHED:
        raise ValidationError(_("This listing is not open for licensing."))


def make_enquiry(
    listing: PatentListing, *, enterprise: Enterprise, by: User, kind: str, message: str
) -> Enquiry:
    """An SME expresses interest in a listing or asks a question about it."""
    ensure(enterprise_decision(by, "enquire", enterprise))
    if kind not in EnquiryKind.values:
        raise ValidationError({"kind": _("Choose interest or question.")})
    if not message.strip():
        raise ValidationError({"message": _("Write a message for the officer.")})
    with transaction.atomic():
        listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
        _published(listing)
        enquiry = Enquiry.objects.create(
            listing=listing, enterprise=enterprise, kind=kind, message=message.strip(), asked_by=by
        )
        record_event(listing, actor=by, role="enterprise", action=kind, comment=message.strip())
    return enquiry


def answer_enquiry(enquiry: Enquiry, *, by: User, answer: str) -> Enquiry:
    """The listing's officer answers an SME's question or expression of interest."""
    ensure(listing_decision(by, "answer", enquiry.listing))
    if not answer.strip():
        raise ValidationError({"answer": _("Write an answer.")})
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        enquiry.answer = answer.strip()
        enquiry.answered_by = by
        enquiry.answered_at = timezone.now()
        enquiry.save(update_fields=["answer", "answered_by", "answered_at"])
        record_event(
            enquiry.listing, actor=by, role="transfer_officer", action="answer", comment=enquiry.answer
        )
    return enquiry


def pass_on_listing(
    listing: PatentListing, *, enterprise: Enterprise, by: User, category: str, comment: str = ""
) -> ListingFeedback:
    """An SME passes on a listing and says why, in a fixed category."""
    ensure(enterprise_decision(by, "enquire", enterprise))
    if category not in FeedbackCategory.values:
        raise ValidationError({"category": _("Choose one of the reasons.")})
    with transaction.atomic():
        feedback = ListingFeedback(
            listing=listing, enterprise=enterprise, category=category, comment=comment.strip(), given_by=by
        )
        feedback.full_clean()
        feedback.save()
        record_event(
            listing,
            actor=by,
            role="enterprise",
            action="pass",
            comment=f"{feedback.get_category_display()}: {comment.strip()}",
        )
    return feedback


def save_technology_need(enterprise: Enterprise, *, by: User, description: str) -> TechnologyNeed:
    """An SME describes the technology it is looking for, for recommendations."""
    ensure(enterprise_decision(by, "enquire", enterprise))
    if not description.strip():
        raise ValidationError({"description": _("Describe the technology you need.")})
    with transaction.atomic():
        need, _created = TechnologyNeed.objects.select_for_update().update_or_create(
            enterprise=enterprise, defaults={"description": description.strip(), "updated_by": by}
        )
    return need


# Licences
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClickThrough:
    """Where an acceptance came from: the version shown and the browser's address and user agent."""

    licence_text: LicenceText
    ip_address: str | None
    user_agent: str


def _check_available(listing: PatentListing, enterprise: Enterprise, *, today: date) -> None:
    if listing.expires_on < today:
        raise ValidationError(_("This patent expired on %(day)s.") % {"day": listing.expires_on})
    running = Licence.objects.filter(listing=listing, status__in=ACTIVE_LICENCE)
    if running.filter(enterprise=enterprise).exists():
        raise ValidationError(
            _("%(enterprise)s already holds or has been offered a licence of this patent.")
            % {"enterprise": enterprise.name}
        )
    if listing.exclusive and running.exclude(status=LicenceStatus.OFFERED).exists():
        raise ValidationError(_("This patent is licensed exclusively to another enterprise."))


def _start(licence: Licence, *, today: date) -> None:
    licence.starts_on = today
    licence.paying_from = add_months(today, licence.free_months)
    licence.status = LicenceStatus.TRIAL if licence.free_months else LicenceStatus.PAYING


def _record_acceptance(licence: Licence, *, by: User, click: ClickThrough, today: date) -> None:
    if click.licence_text != LicenceText.current(today):
        raise ValidationError(
            _("The licence text has changed since you opened it: read the current version.")
        )
    LicenceAcceptance.objects.create(
        licence=licence,
        licence_text=click.licence_text,
        accepted_by=by,
        enterprise=licence.enterprise,
        accepted_at=timezone.now(),
        ip_address=click.ip_address or None,
        user_agent=click.user_agent[:400],
    )


def accept_standard_licence(
    listing: PatentListing, *, enterprise: Enterprise, by: User, click: ClickThrough, today: date
) -> Licence:
    """An SME's owner or delegate takes the standard use-first-pay-later licence by clicking through its
    text."""
    ensure(enterprise_decision(by, "accept", enterprise))
    with transaction.atomic():
        listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
        _published(listing)
        _check_available(listing, enterprise, today=today)
        licence = Licence(
            listing=listing, enterprise=enterprise, **{name: getattr(listing, name) for name in TERM_FIELDS}
        )
        _start(licence, today=today)
        licence.full_clean()
        licence.save()
        tally_licence(licence, "")
        _record_acceptance(licence, by=by, click=click, today=today)
        record_event(
            listing,
            licence=licence,
            actor=by,
            role="enterprise",
            action="accept",
            to_state=licence.status,
            comment=_("Standard licence, text version %(version)s") % {"version": click.licence_text.version},
        )
    return licence


def offer_varied_licence(
    listing: PatentListing, *, enterprise: Enterprise, by: User, terms: dict[str, Any], note: str, today: date
) -> Licence:
    """An officer records terms agreed with an SME that differ from the standard ones, for the SME to
    accept."""
    ensure(listing_decision(by, "offer", listing))
    if not note.strip():
        raise ValidationError({"variation_note": _("Say what was varied and why.")})
    with transaction.atomic():
        listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
        _check_available(listing, enterprise, today=today)
        values = {name: getattr(listing, name) for name in TERM_FIELDS}
        values.update({name: value for name, value in terms.items() if name in TERM_FIELDS})
        licence = Licence(
            listing=listing,
            enterprise=enterprise,
            status=LicenceStatus.OFFERED,
            is_variation=True,
            variation_note=note.strip(),
            **values,
        )
        licence.full_clean()
        licence.save()
        tally_licence(licence, "")
        record_event(
            listing,
            licence=licence,
            actor=by,
            role="transfer_officer",
            action="offer_variation",
            to_state=licence.status,
            comment=note.strip(),
        )
    return licence


def accept_varied_licence(licence: Licence, *, by: User, click: ClickThrough, today: date) -> Licence:
    """The SME's owner or delegate accepts varied terms, by the same click-through as the standard licence."""
    ensure(licence_decision(by, "accept", licence))
    with transaction.atomic():
        licence = Licence.objects.select_for_update().get(pk=licence.pk)
        if licence.status != LicenceStatus.OFFERED:
            raise ValidationError(_("There is no offer to accept on this licence."))
        if (
            licence.exclusive
            and Licence.objects.filter(
                listing=licence.listing, status__in=[LicenceStatus.TRIAL, LicenceStatus.PAYING]
            ).exists()
        ):
            raise ValidationError(_("This patent is licensed exclusively to another enterprise."))
        _start(licence, today=today)
        licence.save()
        tally_licence(licence, LicenceStatus.OFFERED)
        _record_acceptance(licence, by=by, click=click, today=today)
        record_event(
            licence.listing,
            licence=licence,
            actor=by,
            role="enterprise",
            action="accept",
            from_state=LicenceStatus.OFFERED,
            to_state=licence.status,
            comment=_("Varied terms, text version %(version)s") % {"version": click.licence_text.version},
        )
    return licence


def end_licence(licence: Licence, *, by: User, outcome: str, comment: str, today: date) -> Licence:
    """An officer ends a licence: terminated (by either side's notice) or converted to an assignment of the
    patent."""
    ensure(licence_decision(by, "manage", licence))
    if outcome not in (LicenceStatus.TERMINATED, LicenceStatus.ASSIGNED):
        raise ValidationError({"outcome": _("Choose terminated or converted to an assignment.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the licence ends.")})
    with transaction.atomic():
        licence = Licence.objects.select_for_update().get(pk=licence.pk)
        if licence.status not in ACTIVE_LICENCE:
            raise ValidationError(_("This licence has already ended."))
        if outcome == LicenceStatus.ASSIGNED and licence.status == LicenceStatus.OFFERED:
            raise ValidationError(_("An offer that was never accepted cannot become an assignment."))
        _move_licence(
            licence,
            outcome,
            actor=by,
            role="transfer_officer",
            action="end",
            ended_on=today,
            comment=comment.strip(),
        )
    return licence


@dataclass
class FollowUp:
    """What one run of the licence follow-up did."""

    reminded: int = 0
    started_paying: int = 0
    expired: int = 0


def follow_up_licences(*, today: date) -> FollowUp:
    """Remind SMEs before their free period ends, start the paying stage, and end licences whose patent
    expired.

    Run daily as the periodic job `techtransfer.follow_up_licences`; safe to run twice on the same day.
    """
    done = FollowUp()
    remind_until = today + timedelta(days=REMINDER_DAYS_BEFORE_PAYING)
    due = Licence.objects.filter(
        status=LicenceStatus.TRIAL,
        reminded_at__isnull=True,
        paying_from__gt=today,
        paying_from__lte=remind_until,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            licence = Licence.objects.select_for_update().select_related("listing", "enterprise").get(pk=pk)
            if licence.reminded_at is not None:
                continue
            licence.reminded_at = timezone.now()
            licence.save(update_fields=["reminded_at"])
            _send_reminder(licence)
            record_event(
                licence.listing,
                licence=licence,
                actor=None,
                role="platform",
                action="remind",
                comment=_("Free period ends on %(day)s") % {"day": licence.paying_from},
            )
            done.reminded += 1
    for pk in list(
        Licence.objects.filter(status=LicenceStatus.TRIAL, paying_from__lte=today).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            licence = Licence.objects.select_for_update().select_related("listing", "enterprise").get(pk=pk)
            if licence.status != LicenceStatus.TRIAL:
                continue
            _move_licence(
                licence, LicenceStatus.PAYING, actor=None, role="platform", action="free_period_ended"
            )
            _tell_paying_started(licence)
            done.started_paying += 1
    for pk in list(
        Licence.objects.filter(status__in=ACTIVE_LICENCE, listing__expires_on__lt=today).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            licence = Licence.objects.select_for_update().select_related("listing").get(pk=pk)
            if licence.status not in ACTIVE_LICENCE:
                continue
            _move_licence(
                licence,
                LicenceStatus.EXPIRED,
                actor=None,
                role="platform",
                action="patent_expired",
                ended_on=licence.listing.expires_on,
            )
            done.expired += 1
    return done


def _members_to_tell(licence: Licence) -> list:
    return [
        membership.user
        for membership in licence.enterprise.memberships.filter(
            role__in=["owner", "delegate"]
        ).select_related("user")
    ]


def _send_reminder(licence: Licence) -> None:
    """Tell the enterprise, on its home page and by mail, that royalties start soon (licence payment due)."""
    notify(
        _members_to_tell(licence),
        subject=gettext_lazy("Free period of your patent licence ends on %(day)s"),
        body=gettext_lazy(
            "%(enterprise)s uses patent %(number)s (%(title)s) under a use-first-pay-later licence. "
            "The free period ends on %(day)s; from then on, report sales or profit each period on the platform "
            "and pay the statements."
        ),
        params={
            "enterprise": licence.enterprise.name,
            "number": licence.listing.application_number,
            "title": licence.listing.title,
            "day": licence.paying_from,
        },
        link=reverse("techtransfer:licence", args=[licence.pk]),
    )


def _tell_paying_started(licence: Licence) -> None:
    """Tell the enterprise that royalties are now due on the licence (in-app and by mail)."""
    notify(
        _members_to_tell(licence),
        subject=gettext_lazy("Royalties are now due on your licence of %(title)s"),
        body=gettext_lazy("Report each period's sales or profit on the platform and pay the statements."),
        params={"title": licence.listing.title},
        link=reverse("techtransfer:licence", args=[licence.pk]),
    )


# Statements and payments
# -------------------------------------------------------------------------------------------


# A statement's money columns hold 16 digits, two of them after the point (models.MONEY).
_LARGEST_REPORTED_AMOUNT = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"])


def _reported_amount(name: str, amount: Decimal | None) -> Decimal | None:
    """A reported figure bounded before any arithmetic (security review F8), or ValidationError naming it."""
    if amount is None:
        return None
    try:
        number = bounded_decimal(
            amount,
            not_a_number=_("%(field)s: is not a number") % {"field": name},
            too_long=_("%(field)s: is too long to be a number") % {"field": name},
            too_large=_("%(field)s: is too large") % {"field": name},
        )
    except NumberError as error:
        raise ValidationError({name: str(error)}) from None
    if abs(number) >= _LARGEST_REPORTED_AMOUNT:
        raise ValidationError(
            {
                name: _("%(field)s: is larger than a statement can hold (%(digits)s digits before the point)")
                % {"field": name, "digits": MONEY["max_digits"] - MONEY["decimal_places"]}
            }
        )
    return number


def report_period(
    licence: Licence,
    *,
    by: User,
    period_start: date,
    period_end: date,
    net_sales: Decimal | None = None,
    profit: Decimal | None = None,
    today: date,
) -> Statement:
    """The SME reports a period's sales or profit; the platform computes what is due and issues the
    statement."""
    ensure(licence_decision(by, "report", licence))
    net_sales = _reported_amount("net_sales", net_sales)
    profit = _reported_amount("profit", profit)
    with transaction.atomic():
        licence = Licence.objects.select_for_update().get(pk=licence.pk)
        if licence.status != LicenceStatus.PAYING:
            raise ValidationError(
                _("Figures are reported once the free period is over and while the licence runs.")
            )
        if period_end > today:
            raise ValidationError({"period_end": _("A period can be reported once it is over.")})
        last = licence.statements.order_by("-period_end").first()
        if last is not None and period_start <= last.period_end:
            raise ValidationError(
                {
                    "period_start": _("The last statement covers up to %(day)s; start after it.")
                    % {"day": last.period_end}
                }
            )
        terms = licence.terms()
        figures = PeriodFigures(start=period_start, end=period_end, net_sales=net_sales, profit=profit)
        try:
            year_start = royalty_due(terms, figures).year_start
            earlier = licence.statements.filter(licence_year_start=year_start).aggregate(
                base=Sum("base"), days=Sum("paying_days"), charged=Sum("amount_due")
            )
            year_to_date = YearToDate(
                base=earlier["base"] or Decimal("0.00"),
                paying_days=earlier["days"] or 0,
                charged=earlier["charged"] or Decimal("0.00"),
            )
            due = royalty_due(terms, figures, year_to_date)
        except RoyaltyError as error:
            raise ValidationError(str(error)) from error
        statement = Statement.objects.create(
            licence=licence,
            period_start=period_start,
            period_end=period_end,
            net_sales=net_sales,
            profit=profit,
            base=due.base,
            paying_days=due.paying_days,
            licence_year_start=due.year_start,
            cap_reached=due.cap_reached,
            amount_due=due.amount,
            due_on=today + timedelta(days=PAYMENT_TERM_DAYS),
            reported_by=by,
            issued_at=timezone.now(),
        )
        record_event(
            licence.listing,
            licence=licence,
            actor=by,
            role="enterprise",
            action="report",
            comment=f"{period_start} – {period_end}: {due.amount}",
        )
    return statement


def record_payment(
    statement: Statement, *, by: User, amount: Decimal, paid_on: date, reference: str = ""
) -> Payment:
    """The institution's officer records a payment received against a statement."""
    ensure(licence_decision(by, "manage", statement.licence))
    with transaction.atomic():
        statement = (
            Statement.objects.select_for_update().select_related("licence__listing").get(pk=statement.pk)
        )
        outstanding = statement.amount_due - statement.paid()
        if amount <= 0:
            raise ValidationError({"amount": _("A payment must be more than zero.")})
        if amount > outstanding:
            raise ValidationError(
                {
                    "amount": _("Only %(outstanding)s yuan is outstanding on this statement.")
                    % {"outstanding": outstanding}
                }
            )
        payment = Payment.objects.create(
            statement=statement, amount=amount, paid_on=paid_on, reference=reference.strip(), recorded_by=by
        )
        figures.tally(
            figures.Measure.ROYALTIES,
            region_id=listing_region(statement.licence.listing),
            year=paid_on.year,
            amount=amount,
        )
        record_event(
            statement.licence.listing,
            licence=statement.licence,
            actor=by,
            role="transfer_officer",
            action="payment",
            comment=f"{statement.number}: {amount}",
        )
    return payment
