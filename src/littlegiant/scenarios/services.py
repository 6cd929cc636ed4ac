"""Policy what-if services: create a scenario, run it in the background over the jurisdiction's registry,
read its result. Every state change here, inside a transaction; views, the API, tasks and the demo call these.

A run never touches a live decision: it reads the filings, writes a Parquet export to a scratch folder,
assesses it with the batch engine (rules.variants.compare_file, or compare_file_on_spark when ASSESSMENT_ENGINE
is "spark") and stores only its own Mover rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant import runs
from littlegiant.accounts.jurisdiction import (
    covers_region,
    is_administrator,
    is_official,
    reviewer_region_paths,
    within_region,
)
from littlegiant.bilingual import choose
from littlegiant.permissions import ALLOWED, Decision, ensure
from littlegiant.reference.models import Region
from littlegiant.rules import PackError, PackNotFound, RulePack, registry
from littlegiant.rules.variants import VariantError, make_variant, pack_numbers
from littlegiant.runs import RunStatus
from littlegiant.scenarios.execution import fail_run, scenario_packs
from littlegiant.scenarios.models import Direction, Mover, Scenario, ScenarioEvent, ScenarioKind, ScenarioRun
from littlegiant.scenarios.tasks import run_scenario

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

logger = logging.getLogger(__name__)

# The built-in comparison: "what the 2026 measures change in this province".
SRDI_2022, SRDI_2026 = "cn.miit.srdi-sme.2022", "cn.miit.srdi-sme.2026"


def can_model(user: User) -> bool:
    """Officials (reviewers and administrators) model policy changes for their jurisdiction."""
    return is_official(user)


def _role_of(user: User) -> str:
    if is_administrator(user):
        return "administrator"
    levels = sorted(set(user.reviewer_assignments.values_list("level", flat=True)))
    return f"{levels[-1] if levels else ''} reviewer".strip()


def _region_for(user: User, region: Region | None) -> Region | None:
    """The region a scenario covers: the one asked for if inside the jurisdiction, else the person's own."""
    if region is not None:
        if not covers_region(user, region):
            raise PermissionDenied(_("%(region)s lies outside your jurisdiction.") % {"region": region.name})
        return region
    if is_administrator(user) or reviewer_region_paths(user) is None:
        return None
    regions = list(user.reviewer_assignments.exclude(region=None).select_related("region"))
    if len(regions) != 1:
        raise ValidationError({"region": _("You cover several regions: choose one.")})
    return regions[0].region


def _check_packs(base_pack_id: str, compare_pack_id: str, changes: Mapping[str, object]) -> RulePack:
    try:
        base = registry.get(base_pack_id)
    except PackNotFound:
        raise ValidationError(
            {"base_pack_id": _("Unknown rule pack: %(packs)s.") % {"packs": base_pack_id}}
        ) from None
    if compare_pack_id:
        if compare_pack_id not in registry.ids():
            raise ValidationError(
                {"compare_pack_id": _("Unknown rule pack: %(packs)s.") % {"packs": compare_pack_id}}
            )
        if compare_pack_id == base_pack_id:
            raise ValidationError({"compare_pack_id": _("Compare two different rule packs.")})
        return base
    if not changes:
        raise ValidationError({"changes": _("Change at least one number.")})
    try:
        make_variant(base, changes)
    except VariantError as error:
        raise ValidationError({f"changes.{error.key}": error.detail}) from None
    except PackError as error:
        raise ValidationError({"changes": str(error)}) from None
    return base


def create_scenario(
    user: User,
    *,
    name: str,
    base_pack_id: str,
    year: int,
    changes: Mapping[str, object] | None = None,
    compare_pack_id: str = "",
    region: Region | None = None,
) -> Scenario:
    """Save a what-if for the person's jurisdiction: a pack with changed numbers, or two packs compared.

    The variant is built and checked here (bands without gaps or overlaps), so a saved scenario always runs.
    """
    if not can_model(user):
        raise PermissionDenied(_("Only reviewers and administrators can model policy changes."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the scenario.")})
    if len(name) > 120:
        raise ValidationError({"name": _("A scenario's name has at most 120 characters.")})
    if not 1949 <= int(year) <= 2100:
        raise ValidationError({"year": _("The reference year must be between 1949 and 2100.")})
    cleaned = {str(k): str(v).strip() for k, v in (changes or {}).items() if str(v).strip() != ""}
    base = _check_packs(base_pack_id, compare_pack_id, cleaned)
    # Keep only what differs from the pack: an unchanged number is not a change.
    current = {n.key: n.value for n in pack_numbers(base)}
    if not compare_pack_id:
        cleaned = {k: v for k, v in cleaned.items() if _differs(current.get(k), v)}
        if not cleaned:
            raise ValidationError({"changes": _("Change at least one number.")})
    region = _region_for(user, region)
    with transaction.atomic():
        scenario = Scenario.objects.create(
            name=name,
            kind=ScenarioKind.COMPARISON if compare_pack_id else ScenarioKind.VARIANT,
            base_pack_id=base_pack_id,
            compare_pack_id=compare_pack_id,
            changes={} if compare_pack_id else cleaned,
            region=region,
            year=year,
            created_by=user,
        )
        ScenarioEvent.record(
            scenario=scenario, actor=user, role=_role_of(user), action="create",
            region=region.code if region else "", comment=name,
        )  # fmt: skip
    return scenario


def _differs(old: Decimal | None, new: str) -> bool:
    if old is None:
        return True
    try:
        return Decimal(new.replace(",", "")) != old
    except (InvalidOperation, ValueError):
        return True


def create_builtin_comparison(user: User, *, year: int, region: Region | None = None) -> Scenario:
    """The built-in comparison: the 2022 SRDI criteria against the 2026 measures over the same registry."""
    return create_scenario(
        user,
        name=_("What the 2026 SRDI measures change"),
        base_pack_id=SRDI_2022,
        compare_pack_id=SRDI_2026,
        year=year,
        region=region,
    )


# --- Runs ------------------------------------------------------------------------------------------------


def start_run(scenario: Scenario, *, by: User, enqueue: bool = True) -> ScenarioRun:
    """Queue a run of the scenario; with enqueue=False the caller runs it with `execute_run` (the demo)."""
    if not can_model(by) or not Scenario.objects.for_user(by).filter(pk=scenario.pk).exists():
        raise PermissionDenied(_("This scenario lies outside your jurisdiction."))
    with transaction.atomic():
        run = ScenarioRun.objects.create(
            scenario=scenario, requested_by=by, evaluation_date=timezone.localdate()
        )
        ScenarioEvent.record(
            scenario=scenario, actor=by, role=_role_of(by), action="run", to_state=RunStatus.QUEUED,
            region=scenario.region_id or "",
        )  # fmt: skip
        if enqueue:
            transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    runs.keep_task_id(ScenarioRun.objects, run_id, run_scenario.enqueue(run_id))


# --- Results ---------------------------------------------------------------------------------------------


def movers_for(user: User, run: ScenarioRun) -> QuerySet[Mover]:
    """A run's movers that this user may see (the run itself must be visible to them)."""
    return Mover.objects.filter(run=run, run__in=ScenarioRun.objects.for_user(user).values("pk"))


def drill_level(run: ScenarioRun, region: Region | None) -> tuple[str, Region | None]:
    """Which grouping the region table shows: by province (nation), city (province) or county (city)."""
    region = region or run.scenario.region
    if region is None:
        return "province_code", None
    if region.level == "province":
        return "city_code", region
    return "region_id", region


def by_region(movers: QuerySet[Mover], run: ScenarioRun, region: Region | None) -> list[dict[str, Any]]:
    """Gains and losses by the regions one level below `region` (default: the scenario's)."""
    column, within = drill_level(run, region)
    if within is not None:
        movers = movers.filter(within_region(within, region_field="region"))
    rows = by_group(movers, column)
    names = Region.objects.in_bulk([r[column] for r in rows])
    for row in rows:
        found = names.get(row[column])
        row["code"] = row[column]
        row["region"] = found
        row["name"] = found.name if found else row[column]
        row["drills"] = bool(found and found.level != "county" and column != "region_id")
    return rows


def by_group(movers: QuerySet[Mover], field: str) -> list[dict[str, Any]]:
    """Gains and losses by industry section ("section"), size class ("size_class") or another column of the
    movers (a region's)."""
    return list(
        movers.values(field)
        .annotate(
            gains=Count("pk", filter=Q(direction=Direction.GAIN)),
            losses=Count("pk", filter=Q(direction=Direction.LOSS)),
            shifts=Count("pk", filter=Q(direction=Direction.SHIFT)),
        )
        .order_by(field)
    )


def criterion_labels(run: ScenarioRun) -> dict[str, str]:
    """Criterion id -> its label in the active language, from both packs."""
    labels: dict[str, str] = {}
    try:
        packs: Iterable[RulePack] = scenario_packs(run.scenario)
    except PackError:
        packs = [registry.get(run.scenario.base_pack_id)]
    for pack in packs:
        for criterion in pack.criteria:
            labels.setdefault(criterion.id, choose(criterion.label_zh, criterion.label_en))
    return labels


def fail_abandoned_run(sender: object, **signal: Any) -> None:
    """A run whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    runs.fail_if_abandoned(ScenarioRun.objects, run_scenario, fail_run, **signal)


# --- Editing and deleting ----------------------------------------------------------------------------------


def change_decision(user: User, scenario: Scenario) -> Decision:
    """Who may rename, re-number or delete a scenario: its author, or an official whose jurisdiction covers the
    scenario's region (a whole-country scenario: a national official or an administrator)."""
    if not can_model(user):
        return Decision.refuse(_("Only reviewers and administrators can model policy changes."))
    if scenario.created_by_id == user.pk:
        return ALLOWED
    if scenario.region_id is None:
        if is_administrator(user) or reviewer_region_paths(user) is None:
            return ALLOWED
    elif covers_region(user, scenario.region):
        return ALLOWED
    return Decision.refuse(_("Only the scenario's author or an official of its region can change it."))


def _not_running(scenario: Scenario, doing: str) -> None:
    if scenario.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise ValidationError({"changes": _("A run of this scenario is under way: %(doing)s when it has finished.")
                               % {"doing": doing}})  # fmt: skip


def edit_scenario(
    scenario: Scenario, *, by: User, name: str | None = None, changes: Mapping[str, object] | None = None
) -> Scenario:
    """Rename a scenario and/or change its numbers. New numbers make every earlier result stale: the runs and
    their movers are deleted in the same transaction, and the scenario needs a new run. A comparison of two
    packs has no numbers of its own; only its name changes."""
    ensure(change_decision(by, scenario))
    fields: list[str] = []
    notes: list[str] = []
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationError({"name": _("Name the scenario.")})
        if len(name) > 120:
            raise ValidationError({"name": _("A scenario's name has at most 120 characters.")})
        if name != scenario.name:
            notes.append(_("name: %(old)s → %(new)s") % {"old": scenario.name, "new": name})
            scenario.name = name
            fields.append("name")
    cleared = 0
    if changes is not None:
        if scenario.kind == ScenarioKind.COMPARISON:
            raise ValidationError({"changes": _("A comparison of two packs has no numbers to change.")})
        cleaned = {str(k): str(v).strip() for k, v in changes.items() if str(v).strip() != ""}
        base = _check_packs(scenario.base_pack_id, "", cleaned)
        current = {n.key: n.value for n in pack_numbers(base)}
        cleaned = {k: v for k, v in cleaned.items() if _differs(current.get(k), v)}
        if not cleaned:
            raise ValidationError({"changes": _("Change at least one number.")})
        if cleaned != scenario.changes:
            _not_running(scenario, _("change its numbers"))
            notes.append(_("numbers: %(old)s → %(new)s") % {"old": scenario.changes, "new": cleaned})
            scenario.changes = cleaned
            fields.append("changes")
    if not fields:
        return scenario
    with transaction.atomic():
        scenario.save(update_fields=fields)
        if "changes" in fields:
            cleared, _by_model = ScenarioRun.objects.filter(scenario=scenario).delete()
        ScenarioEvent.record(
            scenario=scenario, actor=by, role=_role_of(by), action="edit", region=scenario.region_id or "",
            comment="; ".join(notes),
        )  # fmt: skip
    if cleared:
        logger.info("Scenario %s: numbers changed, its earlier results deleted.", scenario.pk)
    return scenario


def delete_scenario(scenario: Scenario, *, by: User) -> None:
    """Delete a scenario with its runs, movers and trail. Its own trail goes with it (ScenarioEvent cascades),
    so the deletion is written to the admin log (LogEntry), which outlives it, and to the log."""
    ensure(change_decision(by, scenario))
    _not_running(scenario, _("delete it"))
    label = f"{scenario.name} ({scenario.region_id or _('the whole country')}, {scenario.base_pack_id})"
    with transaction.atomic():
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[scenario],
            action_flag=DELETION,
            change_message=_("Deleted by %(role)s.") % {"role": _role_of(by)},
            single_object=True,
        )
        scenario.delete()
    logger.info("Scenario %s deleted by %s: %s", scenario.pk, by.pk, label)
