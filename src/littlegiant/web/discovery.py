"""Proactive discovery (主动发现, issue 11 item 6): enterprises the latest screening finds qualifying for a tier
that have neither applied for it nor hold it, by county, with an invitation to apply or a referral.

It reads a screening's results (assessment), applications and titles (recognition) and the service network
(services) together, so it lives in `web`, the one layer allowed to read every domain app.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.accounts.jurisdiction import is_official
from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import screening_result_file
from littlegiant.bilingual import choose
from littlegiant.enterprises.models import Enterprise, Membership
from littlegiant.notifications.models import Notification
from littlegiant.notifications.services import notify
from littlegiant.recognition.models import Application, Recognition
from littlegiant.rules import PackNotFound, registry
from littlegiant.runs import RunStatus
from littlegiant.services.models import ServiceCategory, ServiceInstitution
from littlegiant.services.services import routing_candidates

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

QUALIFIED = "qualified"
# Enterprises named per county on the page; the count always covers them all.
SHOWN_PER_COUNTY = 50


@dataclass(frozen=True, slots=True)
class County:
    """The candidates in one county: how many, and the first of them by name."""

    code: str
    name: str
    city: str
    count: int
    enterprises: list[Enterprise] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Discovery:
    """What the latest screening found for one tier pack inside the official's jurisdiction."""

    run: ScreeningRun | None
    pack_id: str
    pack_title: str
    tier: str | None
    tier_packs: list[tuple[str, str]]
    counties: list[County]
    # Enterprises on the page already invited to apply for this tier on this year's data.
    invited: frozenset[int] = frozenset()

    @property
    def total(self) -> int:
        return sum(county.count for county in self.counties)


def latest_run(user: User) -> ScreeningRun | None:
    """The official's latest finished screening."""
    return (
        ScreeningRun.objects.for_user(user)
        .filter(status=RunStatus.DONE)
        .select_related("region")
        .order_by("-finished_at", "-pk")
        .first()
    )


def _title(pack_id: str) -> str:
    try:
        pack = registry.get(pack_id)
    except PackNotFound:
        return pack_id
    return choose(pack.title_zh, pack.title_en)


def _tier(pack_id: str) -> str | None:
    try:
        return registry.get(pack_id).tier
    except PackNotFound:
        return None


def discover(user: User, pack_id: str = "") -> Discovery:
    """Qualifying enterprises without an application or title of the pack's tier, by county."""
    if not is_official(user):
        raise PermissionDenied(_("Only reviewers and administrators see who qualifies but has not applied."))
    run = latest_run(user)
    tier_packs = [(pid, _title(pid)) for pid in (run.pack_ids if run else []) if _tier(pid)]
    if not tier_packs:
        return Discovery(run, "", "", None, [], [])
    if pack_id not in dict(tier_packs):
        pack_id = tier_packs[-1][0]  # the highest tier screened: packs run from size up to little giant
    tier = _tier(pack_id)
    enterprises = (
        _candidates(user, run, pack_id, tier)
        .select_related("region__parent", "industry")
        .order_by("region_id", "name")
    )
    by_county: dict[str, list[Enterprise]] = defaultdict(list)
    for enterprise in enterprises:
        by_county[enterprise.region_id].append(enterprise)
    counties = [
        County(
            code=code,
            name=rows[0].region.name,
            city=rows[0].region.parent.name if rows[0].region.parent_id else "",
            count=len(rows),
            enterprises=rows[:SHOWN_PER_COUNTY],
        )
        for code, rows in by_county.items()
    ]
    counties.sort(key=lambda county: (-county.count, county.code))
    shown = {
        enterprise.pk: _invitation_key(enterprise.pk, tier, run)
        for c in counties
        for enterprise in c.enterprises
    }
    sent = set(Notification.objects.filter(once_key__in=shown.values()).values_list("once_key", flat=True))
    invited = frozenset(pk for pk, key in shown.items() if key in sent)
    return Discovery(run, pack_id, _title(pack_id), tier, tier_packs, counties, invited)


def _invitation_key(enterprise_id: int, tier: str | None, run: ScreeningRun) -> str:
    """One invitation per enterprise, tier and year of data: a second click, or a later screening of the
    same year, tells nobody again."""
    return f"discovery-invitation:{enterprise_id}:{tier}:{run.year}"


def _candidates(user: User, run: ScreeningRun, pack_id: str, tier: str | None):
    """Enterprises of the official's jurisdiction the run finds qualifying, with no application or valid title
    of the tier."""
    today = timezone.localdate()
    return (
        Enterprise.objects.for_user(user)
        .filter(credit_code__in=_qualified_credit_codes(run, pack_id))
        .exclude(pk__in=Application.objects.filter(programme__tier=tier).values("enterprise_id"))
        .exclude(pk__in=Recognition.objects.filter(tier=tier).valid_on(today).values("enterprise_id"))
    )


def _qualified_credit_codes(run: ScreeningRun, pack_id: str) -> list[str]:
    """Credit codes the run found qualifying for the pack, read from its Parquet results."""
    import duckdb

    path = screening_result_file(run, "parquet")
    connection = duckdb.connect()
    try:
        source = "read_parquet(?)"
        columns = [
            row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {source}", [str(path)]).fetchall()
        ]
        # The engine names a lone pack's columns plainly and prefixes them with the pack id otherwise.
        column = f"{pack_id}.outcome" if f"{pack_id}.outcome" in columns else "outcome"
        if column not in columns:
            return []
        quoted = '"' + column.replace('"', '""') + '"'
        rows = connection.execute(
            f"SELECT credit_code FROM {source} WHERE {quoted} = ?", [str(path), QUALIFIED]
        ).fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


TIER_NAMES = {
    "innovative_sme": gettext_lazy("innovative SME"),
    "srdi_sme": gettext_lazy("SRDI SME"),
    "little_giant": gettext_lazy('SRDI "little giant"'),
}


def _candidate(user: User, enterprise_id: int, pack_id: str) -> tuple[Enterprise, str, str]:
    """The enterprise, if the latest screening lists it for this pack in the official's jurisdiction."""
    if not is_official(user):
        raise PermissionDenied(_("Only reviewers and administrators invite or refer enterprises."))
    if not Enterprise.objects.for_user(user).filter(pk=enterprise_id).exists():
        raise PermissionDenied(_("This enterprise is outside your jurisdiction."))
    run = latest_run(user)
    tier = _tier(pack_id)
    if run is None or tier is None or pack_id not in run.pack_ids:
        raise ValidationError(_("The latest screening did not assess this tier."))
    enterprise = (
        _candidates(user, run, pack_id, tier).select_related("region").filter(pk=enterprise_id).first()
    )
    if enterprise is None:
        raise ValidationError(_("This enterprise is not on the latest screening's list for this tier."))
    return enterprise, str(TIER_NAMES.get(tier, _title(pack_id))), _invitation_key(enterprise.pk, tier, run)


def invite_to_apply(user: User, enterprise_id: int, pack_id: str) -> Enterprise:
    """Tell the enterprise's members, on their home page and by mail, that they may qualify and can apply."""
    enterprise, tier, key = _candidate(user, enterprise_id, pack_id)
    members = [
        membership.user
        for membership in Membership.objects.filter(enterprise=enterprise).select_related("user")
    ]
    if not members:
        raise ValidationError(
            _("Nobody from this enterprise uses the platform yet: refer it to a service institution.")
        )
    sent = notify(
        members,
        once_key=key,
        subject=gettext_lazy("Your enterprise may qualify as %(tier)s: you are invited to apply"),
        body=gettext_lazy(
            "The latest screening by %(region)s finds %(enterprise)s meeting the criteria for %(tier)s on the "
            "data it filed. Check the self-assessment and apply when the programme is open."
        ),
        params={"tier": tier, "enterprise": enterprise.name, "region": _region_name(user)},
        link=reverse("assessment:self", args=[enterprise.pk]),
    )
    if not sent:
        raise ValidationError(
            _("%(name)s has already been invited to apply for this tier on this year's data.")
            % {"name": enterprise.name}
        )
    return enterprise


def refer_to_institution(user: User, enterprise_id: int, pack_id: str) -> ServiceInstitution:
    """Ask the staffed institution that would answer the enterprise's policy questions to coach it to apply."""
    enterprise, tier, _key = _candidate(user, enterprise_id, pack_id)
    candidates = routing_candidates(enterprise.region, ServiceCategory.POLICY)
    if not candidates:
        raise ValidationError(_("No staffed service institution serves this enterprise's region."))
    institution = candidates[0]
    notify(
        [staff.user for staff in institution.staff.select_related("user")],
        subject=gettext_lazy("Referral: help %(enterprise)s apply as %(tier)s"),
        body=gettext_lazy(
            "%(region)s refers %(enterprise)s (%(county)s), which the latest screening finds qualifying for "
            "%(tier)s but which has not applied. Please contact it and help it apply."
        ),
        params={
            "tier": tier,
            "enterprise": enterprise.name,
            "county": enterprise.region.name,
            "region": _region_name(user),
        },
        link=reverse("services:institution", args=[institution.pk]),
    )
    return institution


def _region_name(user: User) -> str:
    assignment = user.reviewer_assignments.select_related("region").first()
    if assignment is None or assignment.region is None:
        return _("the platform")
    return assignment.region.name
