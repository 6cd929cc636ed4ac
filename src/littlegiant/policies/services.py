"""Support policies: issue, edit and withdraw them (officials, in their jurisdiction); list the enterprises
that qualify for one (免申即享, a background run on the batch engine); tell those enterprises, once.

Every change happens here, in a transaction, whoever asks (a page, the API, the demo, the worker).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant import runs
from littlegiant.accounts.jurisdiction import (
    covers_region,
    is_administrator,
    reviewer_region_paths,
    within_region,
)
from littlegiant.enterprises.models import AnnualFiling, Membership
from littlegiant.enterprises.permissions import SPEAKS_FOR
from littlegiant.notifications.services import notify
from littlegiant.permissions import ensure
from littlegiant.policies.conditions import ConditionError, parse_amount, parse_conditions
from littlegiant.policies.execution import RUNS_DIR, fail_run
from littlegiant.policies.models import (
    REGION_LEVEL,
    BenefitKind,
    Policy,
    PolicyEvent,
    PolicyLevel,
    PolicyMatch,
    PolicyNotice,
    PolicyRun,
    PolicyStatus,
)
from littlegiant.policies.permissions import can_issue, can_manage, can_run
from littlegiant.policies.tasks import run_policy
from littlegiant.reference.models import Region
from littlegiant.runs import RunStatus

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

logger = logging.getLogger(__name__)

EDITABLE = (
    "title", "issuer", "level", "region", "document_number", "valid_from", "valid_until", "benefit_kind",
    "benefit_amount", "benefit_expression", "benefit_text", "conditions", "demo",
)  # fmt: skip


def role_of(user: User) -> str:
    """The role code of an official in a trail: administrator, or reviewer:<highest level>."""
    if is_administrator(user):
        return "administrator"
    levels = sorted(set(user.reviewer_assignments.values_list("level", flat=True)))
    return f"reviewer:{levels[-1]}" if levels else "reviewer"


# --- Checking a policy --------------------------------------------------------------------------------------

CONDITION_MESSAGES = {
    "unknown_field": gettext_lazy("Unknown field: %(detail)s"),
    "syntax": gettext_lazy("Not a valid rule expression: %(detail)s"),
    "type": gettext_lazy("Wrong type: %(detail)s"),
}
# The engine's expression problems (rules.expressions.EXPRESSION_ERROR_CODES) worded by code: the engine's
# English message never reaches a Chinese page.
EXPRESSION_MESSAGES = {
    "empty": gettext_lazy("the condition is empty"),
    "cannot_parse": gettext_lazy("“%(text)s” cannot be read as an expression"),
    "result_type": gettext_lazy("“%(text)s” gives a %(found)s, a %(wanted)s is needed"),
    "qualified_name": gettext_lazy("“%(token)s”: write a field's name alone, without a table"),
    "unknown_field": gettext_lazy("“%(name)s” is not a field of the enterprise data nor a title input"),
    "not_a_condition": gettext_lazy("“%(name)s” cannot be a condition of a policy"),
    "not_plain_decimal": gettext_lazy("“%(token)s”: write numbers as plain decimals, such as 0.03"),
    "null_outside_is": gettext_lazy("“%(token)s”: NULL may only be used as IS NULL"),
    "compare_types": gettext_lazy("“%(token)s” compares a %(left)s with a %(right)s"),
    "compare_booleans": gettext_lazy("“%(token)s”: combine true/false values with AND, OR, NOT"),
    "text_comparison": gettext_lazy("“%(token)s”: text can only be compared with = or <>"),
    "is_not_null": gettext_lazy("“%(token)s”: IS may only be used as IS NULL or IS NOT NULL"),
    "simple_case": gettext_lazy("“%(token)s”: write CASE WHEN … THEN … END"),
    "case_branch_types": gettext_lazy("“%(token)s”: every branch of a CASE must give the same type"),
    "case_text": gettext_lazy("“%(token)s”: a CASE must give a number or true/false"),
    "not_allowed": gettext_lazy("“%(token)s” is not allowed in a rule expression"),
    "wrong_type": gettext_lazy("“%(token)s” is a %(found)s, a %(wanted)s is needed here"),
    "literal_without_enum": gettext_lazy("“%(token)s”: text can only be compared with a field of choices"),
    "not_a_choice": gettext_lazy("“%(literal)s” is not one of the choices of %(field)s"),
}
VALUE_TYPES = {
    "number": gettext_lazy("number"),
    "boolean": gettext_lazy("true/false value"),
    "text": gettext_lazy("text"),
}


def condition_message(error: ConditionError) -> str:
    """A condition's problem in the reader's language, worded from the engine's code and parameters (the
    engine's English only for a code this catalogue does not know yet)."""
    template = EXPRESSION_MESSAGES.get(error.code)
    if template is None:
        detail = error.message
    else:
        params = {key: str(VALUE_TYPES.get(str(value), value)) for key, value in error.params.items()}
        detail = str(template) % params
    return str(CONDITION_MESSAGES[error.kind]) % {"detail": detail}


def _date(value: object, name: str, errors: dict[str, list[str]]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(name, []).append(_("Enter a date as YYYY-MM-DD."))
        return None


# The fields of a policy as one writes them (besides its region and conditions): what `clean_policy` checks, the
# form shows and the API answers.
POLICY_FIELDS = (
    "title",
    "issuer",
    "level",
    "document_number",
    "valid_from",
    "valid_until",
    "benefit_kind",
    "benefit_amount",
    "benefit_expression",
    "benefit_text",
    "demo",
)


def clean_policy(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check every field of a policy at once; ValidationError names each bad one (a condition as
    conditions.<n>.expression: unknown field, syntax error or type error)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for name, limit in (("title", 200), ("issuer", 120)):
        text = str(data.get(name) or "").strip()
        if not text:
            fail(name, _("This field is required."))
        elif len(text) > limit:
            fail(name, _("At most %(limit)s characters.") % {"limit": limit})
        cleaned[name] = text
    cleaned["document_number"] = str(data.get("document_number") or "").strip()[:80]
    level = str(data.get("level") or "")
    if level not in PolicyLevel.values:
        fail("level", _("Choose national, provincial, municipal or county."))
    cleaned["level"] = level
    region = data.get("region")
    if isinstance(region, str):
        region = Region.objects.filter(code=region.strip()).first() if region.strip() else None
        if data.get("region") and region is None:
            fail("region", _("No region has this code (GB/T 2260)."))
    if level == PolicyLevel.NATIONAL:
        if region is not None:
            fail("region", _("A national policy has no region."))
        region = None
    elif level in REGION_LEVEL and "region" not in errors:
        if region is None:
            fail("region", _("Choose the region the policy is issued for."))
        elif region.level != REGION_LEVEL[PolicyLevel(level)]:
            fail("region", _("The region's level does not match the policy's level."))
    cleaned["region"] = region
    cleaned["valid_from"] = _date(data.get("valid_from"), "valid_from", errors)
    if cleaned["valid_from"] is None and "valid_from" not in errors:
        fail("valid_from", _("This field is required."))
    cleaned["valid_until"] = _date(data.get("valid_until"), "valid_until", errors)
    if cleaned["valid_from"] and cleaned["valid_until"] and cleaned["valid_until"] < cleaned["valid_from"]:
        fail("valid_until", _("A policy cannot end before it starts."))
    kind = str(data.get("benefit_kind") or "")
    if kind not in BenefitKind.values:
        fail("benefit_kind", _("Choose a fixed amount, an amount expression or a description."))
    cleaned["benefit_kind"] = kind
    cleaned["benefit_amount"] = None
    amount = data.get("benefit_amount")
    if amount not in (None, ""):
        try:
            cleaned["benefit_amount"] = Decimal(str(amount)).quantize(Decimal("0.01"))
            if cleaned["benefit_amount"] < 0 or cleaned["benefit_amount"] >= Decimal("1e14"):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            fail("benefit_amount", _("Enter an amount in yuan, such as 500000."))
    if kind == BenefitKind.AMOUNT and cleaned["benefit_amount"] is None and "benefit_amount" not in errors:
        fail("benefit_amount", _("Enter the amount in yuan."))
    expression = str(data.get("benefit_expression") or "").strip()
    cleaned["benefit_expression"] = expression
    if expression:
        try:
            parse_amount(expression)
        except ConditionError as error:
            fail("benefit_expression", condition_message(error))
    elif kind == BenefitKind.EXPRESSION:
        fail("benefit_expression", _("Write the amount as an expression over the enterprise's fields."))
    cleaned["benefit_text"] = str(data.get("benefit_text") or "").strip()
    if kind == BenefitKind.TEXT and not cleaned["benefit_text"]:
        fail("benefit_text", _("Describe the benefit."))
    items = data.get("conditions") or []
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        fail("conditions", _("Conditions are a list of {label, expression}."))
        items = []
    cleaned["conditions"] = []
    for index, item in enumerate(items, start=1):
        try:
            condition = parse_conditions([item])[0]
        except ConditionError as error:
            fail(f"conditions.{index}.expression", condition_message(error))
            continue
        cleaned["conditions"].append({"label": condition.label, "expression": condition.text})
    cleaned["demo"] = bool(data.get("demo", False))
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- Issuing, editing, withdrawing --------------------------------------------------------------------------


def create_policy(data: Mapping[str, Any], *, by: User) -> Policy:
    """An official issues a policy for a region in their jurisdiction (national: national officials)."""
    cleaned = clean_policy(data)
    ensure(can_issue(by, cleaned["region"]))
    with transaction.atomic():
        policy = Policy.objects.create(**cleaned, created_by=by)
        PolicyEvent.record(
            policy=policy, actor=by, role=role_of(by), action="create", to_state=policy.status,
            region=policy.region_id or "", comment=policy.title,
        )  # fmt: skip
    return policy


def update_policy(policy: Policy, data: Mapping[str, Any], *, by: User) -> Policy:
    """Change a policy in the official's jurisdiction; fields left out keep their values."""
    with transaction.atomic():
        locked = Policy.objects.select_for_update().get(pk=policy.pk)
        ensure(can_manage(by, locked))
        current = {name: getattr(locked, name) for name in EDITABLE}
        cleaned = clean_policy({**current, **{k: v for k, v in data.items() if k in EDITABLE}})
        ensure(can_issue(by, cleaned["region"]))
        changed = sorted(name for name in EDITABLE if cleaned[name] != current[name])
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save()
        PolicyEvent.record(
            policy=locked, actor=by, role=role_of(by), action="edit", from_state=locked.status,
            to_state=locked.status, region=locked.region_id or "", comment=", ".join(changed),
        )  # fmt: skip
    return locked


def withdraw_policy(policy: Policy, *, by: User, comment: str = "") -> Policy:
    """Withdraw a policy: it stays on record, but no enterprise is matched against it any more."""
    with transaction.atomic():
        locked = Policy.objects.select_for_update().get(pk=policy.pk)
        ensure(can_manage(by, locked))
        if locked.status == PolicyStatus.WITHDRAWN:
            raise ValidationError({"status": _("This policy is already withdrawn.")})
        before = locked.status
        locked.status = PolicyStatus.WITHDRAWN
        locked.save()
        PolicyEvent.record(
            policy=locked, actor=by, role=role_of(by), action="withdraw", from_state=before,
            to_state=locked.status, region=locked.region_id or "", comment=comment,
        )  # fmt: skip
    return locked


# --- 免申即享: the qualifying enterprises of a jurisdiction ---------------------------------------------------


def run_region(user: User, policy: Policy) -> Region | None:
    """The region a run covers: the policy's region within the official's jurisdiction (None: everywhere)."""
    if policy.region is not None and covers_region(user, policy.region):
        return policy.region
    paths = reviewer_region_paths(user)
    if is_administrator(user) or paths is None:
        return policy.region
    inside = [
        a.region
        for a in user.reviewer_assignments.exclude(region=None).select_related("region")
        if policy.region is None or policy.region.contains(a.region)
    ]
    if len(inside) != 1:
        raise ValidationError({"region": _("This policy does not apply in your jurisdiction.")})
    return inside[0]


def default_year(region: Region | None) -> int:
    """The latest reference year with filings in the region (last year when there are none)."""
    filings = AnnualFiling.objects.all()
    if region is not None:
        filings = filings.filter(within_region(region, region_field="enterprise__region"))
    return filings.aggregate(year=Max("year"))["year"] or timezone.localdate().year - 1


def start_run(policy: Policy, *, by: User, year: int | None = None, enqueue: bool = True) -> PolicyRun:
    """Queue the list of every enterprise in the official's part of the policy's region that qualifies."""
    ensure(can_run(by))
    if not Policy.objects.for_user(by).filter(pk=policy.pk).exists():
        ensure(can_manage(by, policy))
    region = run_region(by, policy)
    year = year or default_year(region)
    if not 1949 <= int(year) <= 2100:
        raise ValidationError({"year": _("The reference year must be between 1949 and 2100.")})
    with transaction.atomic():
        run = PolicyRun.objects.create(
            policy=policy, requested_by=by, region=region, year=year, evaluation_date=timezone.localdate()
        )
        PolicyEvent.record(
            policy=policy, actor=by, role=role_of(by), action="run", to_state=RunStatus.QUEUED,
            region=region.code if region else "", comment=str(year),
        )  # fmt: skip
        if enqueue:
            transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    runs.keep_task_id(PolicyRun.objects, run_id, run_policy.enqueue(run_id))


# --- Telling the enterprises --------------------------------------------------------------------------------


def notify_qualifying(run: PolicyRun, *, by: User) -> int:
    """Tell every enterprise of a finished run that it qualifies, in the app and by mail, to the people who
    speak for it; an enterprise already told about this policy is not told again. Returns how many were."""
    ensure(can_run(by))
    with transaction.atomic():
        # One notifier at a time per policy: two clicks cannot both find an enterprise untold.
        policy = Policy.objects.select_for_update().get(pk=run.policy_id)
        if run.status != RunStatus.DONE:
            raise ValidationError({"run": _("The list is not ready yet.")})
        told = PolicyNotice.objects.filter(policy=policy).values("enterprise_id")
        untold = list(
            PolicyMatch.objects.filter(run=run)
            .exclude(enterprise_id__in=told)
            .values_list("enterprise_id", flat=True)
        )
        PolicyNotice.objects.bulk_create(
            [PolicyNotice(policy=policy, enterprise_id=pk, run=run, sent_by=by) for pk in untold]
        )
        members = (
            Membership.objects.filter(enterprise_id__in=untold, role__in=SPEAKS_FOR)
            .select_related("user", "enterprise")
            .order_by("enterprise_id", "pk")
        )
        for membership in members:
            notify(
                [membership.user],
                subject=gettext_lazy("Your enterprise qualifies for “%(policy)s”"),
                body=gettext_lazy(
                    "%(enterprise)s meets the conditions of “%(policy)s” (%(issuer)s%(document)s), going "
                    "by its data for %(year)s. You need not apply (免申即享): see the policy on your home page."
                ),
                params={
                    "policy": policy.title,
                    "enterprise": membership.enterprise.name,
                    "issuer": policy.issuer,
                    "document": f" {policy.document_number}" if policy.document_number else "",
                    "year": run.year,
                },
                link=reverse("policies:enterprise", args=[membership.enterprise_id]),
            )
        PolicyEvent.record(
            policy=policy, actor=by, role=role_of(by), action="notify", region=run.region_id or "",
            comment=_("%(count)s enterprises notified.") % {"count": len(untold)},
        )  # fmt: skip
    return len(untold)


def fail_abandoned_run(sender: object, **signal: Any) -> None:
    """A run whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    runs.fail_if_abandoned(PolicyRun.objects, run_policy, fail_run, RUNS_DIR, **signal)
