"""State changes of digital-level evaluations, and what an enterprise's result reads.

Answering goes one section per page and is saved as it goes (a draft is resumable at its first unsaved
section); submitting needs every scored item and the truthfulness pledge. Everything is request-free, so the
web pages, the API, the import and the demo call the same functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.audit import SYSTEM
from littlegiant.bilingual import choose, label_of
from littlegiant.digital import scoring
from littlegiant.digital.models import Evaluation, EvaluationEvent, EvaluationSource, EvaluationStatus
from littlegiant.digital.questionnaire import CURRENT_ID, Questionnaire, load
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.enterprises.permissions import EnterpriseAction, enterprise_decision
from littlegiant.notifications.services import notify
from littlegiant.permissions import ensure

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

# One page each: the three scored dimensions, the scenarios of 数字化经营, then the pledge.
SECTIONS: tuple[str, ...] = ("foundation", "management", "results", "operations")
PLEDGE = "pledge"
DIMENSION_FIELDS = {
    "foundation": "foundation_points",
    "management": "management_points",
    "results": "results_points",
}
FIRST_YEAR = 2024  # the 2024 edition's first evaluation year


def questionnaire_of(evaluation: Evaluation) -> Questionnaire:
    """The questionnaire edition this evaluation answers."""
    return load(evaluation.questionnaire_id)


def section_fields(questionnaire: Questionnaire, section: str) -> list[str]:
    """The answer keys a section holds: item ids of a dimension, or the scenario ids."""
    if section == "operations":
        return [scenario.id for scenario in questionnaire.scenarios]
    if section in DIMENSION_FIELDS:
        return [item.id for item in questionnaire.items_of(section)]
    raise ValueError(f"unknown section {section!r}")


def next_section(evaluation: Evaluation) -> str:
    """Where a draft resumes: the first section not yet saved, or the pledge."""
    for section in SECTIONS:
        if section not in evaluation.sections_saved:
            return section
    return PLEDGE


def _ensure(user: User, action: EnterpriseAction, enterprise: Enterprise) -> None:
    ensure(enterprise_decision(user, action, enterprise))


def _record(evaluation: Evaluation, *, by: User | None, action: str, before: str, comment: str = "") -> None:
    EvaluationEvent.record(
        evaluation=evaluation,
        actor=by,
        role=_role_code(by, evaluation.enterprise),
        region=evaluation.enterprise.region_id,
        action=action,
        from_state=before,
        to_state=evaluation.status,
        comment=comment,
    )


def _role_code(user: User | None, enterprise: Enterprise) -> str:
    if user is None:
        return SYSTEM
    if enterprise.memberships.filter(user=user).exists():
        return "enterprise"
    level = user.reviewer_assignments.values_list("level", flat=True).first()
    if level:
        return f"reviewer:{level}"
    return "administrator" if user.is_superuser else "user"


def _check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError(
            {
                "year": _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year}
            }
        )


def open_evaluation(enterprise: Enterprise, *, by: User, year: int) -> Evaluation:
    """The enterprise's evaluation for a year: its draft to resume, or a new one."""
    _ensure(by, "change", enterprise)
    _check_year(year)
    with transaction.atomic():
        evaluation, created = Evaluation.objects.get_or_create(enterprise=enterprise, year=year)
        if created:
            _record(evaluation, by=by, action="open", before="")
    return evaluation


def _clean_answers(
    questionnaire: Questionnaire, section: str, raw: Mapping[str, object]
) -> dict[str, object]:
    """The section's answers checked one by one; every problem is reported at once, by field."""
    errors: dict[str, str] = {}
    clean: dict[str, object] = {}
    for key in section_fields(questionnaire, section):
        value = raw.get(key)
        try:
            if section == "operations":
                level = scoring.scenario_level(key, value)
                clean[key] = level
            else:
                item = questionnaire.item(key)
                scoring.item_points(item, value)
                if value in (None, "", []):
                    clean[key] = None
                elif item.kind == "band":
                    clean[key] = format(Decimal(str(value).strip().rstrip("%")).normalize(), "f")
                elif item.kind == "multiple":
                    clean[key] = sorted([value] if isinstance(value, str) else list(value))
                else:
                    clean[key] = str(value)
        except scoring.AnswerInvalid as error:
            errors[key] = error.problem
    if errors:
        raise ValidationError(errors)
    return clean


def _recompute(evaluation: Evaluation) -> scoring.Score:
    questionnaire = questionnaire_of(evaluation)
    result = scoring.score(questionnaire, evaluation.answers)
    for dimension in result.dimensions:
        setattr(evaluation, DIMENSION_FIELDS[dimension.id], _decimal(dimension.points))
    evaluation.total_points = _decimal(result.total) if result.total is not None else None
    evaluation.provisional_level = result.level if result.status == scoring.DECIDED else None
    evaluation.weakest_dimension = weakest_dimension(result) if not result.missing else ""
    return result


def _decimal(value: Fraction) -> Decimal:
    # Every option is a multiple of 1/1000 of a point, so the division is exact.
    return Decimal(value.numerator) / Decimal(value.denominator)


def weakest_dimension(result: scoring.Score) -> str:
    """The scored dimension with the lowest share of its points (the first one on a tie)."""
    return min(result.dimensions, key=lambda d: d.points / d.max_points).id


def save_section(
    evaluation: Evaluation, *, by: User, section: str, answers: Mapping[str, object]
) -> Evaluation:
    """Save one section's answers on a draft; empty answers stay unknown (D5) until the enterprise gives them."""
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().select_related("enterprise").get(pk=evaluation.pk)
        _ensure(by, "change", evaluation.enterprise)
        if evaluation.status != EvaluationStatus.DRAFT:
            raise ValidationError({"__all__": _("This evaluation is submitted; it can no longer change.")})
        clean = _clean_answers(questionnaire_of(evaluation), section, answers)
        evaluation.answers = {**evaluation.answers, **clean}
        if section not in evaluation.sections_saved:
            evaluation.sections_saved = [*evaluation.sections_saved, section]
        _recompute(evaluation)
        evaluation.save()
        _record(evaluation, by=by, action="save_section", before=evaluation.status, comment=section)
    return evaluation


def submit(evaluation: Evaluation, *, by: User, pledge: bool) -> Evaluation:
    """Submit a complete evaluation under the truthfulness pledge; its provisional level then counts."""
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().select_related("enterprise").get(pk=evaluation.pk)
        _ensure(by, "apply", evaluation.enterprise)
        if evaluation.status != EvaluationStatus.DRAFT:
            raise ValidationError({"__all__": _("This evaluation is already submitted.")})
        if not pledge:
            raise ValidationError({"pledge": _("Tick the pledge that the answers are true to submit.")})
        result = _recompute(evaluation)
        if result.missing:
            numbers = ", ".join(f"Q{questionnaire_of(evaluation).item(i).number}" for i in result.missing)
            raise ValidationError(
                {"__all__": _("Answer every scored item first; still empty: %s.") % numbers}
            )
        now = timezone.now()
        evaluation.pledged_at = now
        evaluation.submitted_at = now
        evaluation.submitted_by = by
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.save()
        _record(evaluation, by=by, action="submit", before=EvaluationStatus.DRAFT)
    return evaluation


def record_imported(
    enterprise: Enterprise, *, year: int, answers: Mapping[str, object], by: User
) -> Evaluation:
    """Store a result imported from a file as a submitted evaluation (the import itself checks permission)."""
    questionnaire = load()
    clean: dict[str, object] = {}
    for section in SECTIONS:
        clean.update(_clean_answers(questionnaire, section, answers))
    evaluation = Evaluation.objects.filter(enterprise=enterprise, year=year).first() or Evaluation(
        enterprise=enterprise, year=year
    )
    if evaluation.pk and evaluation.status == EvaluationStatus.SUBMITTED:
        raise ValidationError({"year": _("This enterprise's evaluation for that year is already submitted.")})
    evaluation.answers = clean
    evaluation.sections_saved = list(SECTIONS)
    evaluation.source = EvaluationSource.IMPORTED
    result = _recompute(evaluation)
    if result.missing:
        raise ValidationError({result.missing[0]: _("Every scored item needs an answer in an import.")})
    now = timezone.now()
    evaluation.status = EvaluationStatus.SUBMITTED
    evaluation.pledged_at = evaluation.submitted_at = now
    evaluation.submitted_by = by
    before = EvaluationStatus.DRAFT if evaluation.pk else ""
    evaluation.save()
    _record(evaluation, by=by, action="import", before=before)
    notify(
        [m.user for m in evaluation.enterprise.memberships.select_related("user") if m.role == "owner"],
        subject=gettext_lazy("Your digital-level result for %(year)s was imported"),
        body=gettext_lazy(
            "The %(year)s digital-level result of %(name)s was imported by an official: %(points)s points, "
            "provisional level %(level)s (D17, unconfirmed)."
        ),
        params={
            "year": year,
            "name": enterprise.name,
            "points": points_text(evaluation.total_points),
            "level": evaluation.provisional_level or "—",
        },
        link=reverse("digital:result", args=[evaluation.pk]),
    )
    return evaluation


# --- Levels --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LevelReading:
    """An enterprise's digital level for a year, and where it comes from (D17)."""

    level: int | None
    source: str  # "miit" (entered from the MIIT platform), "questionnaire" (provisional) or "" (none)

    @property
    def provisional(self) -> bool:
        return self.source == "questionnaire"


def level_for_year(enterprise_id: int, year: int) -> LevelReading:
    """The level that counts for a year: the MIIT-entered one always wins; else the questionnaire's (D17)."""
    entered = (
        AnnualFiling.objects.filter(enterprise_id=enterprise_id, year=year)
        .values_list("digital_level", flat=True)
        .first()
    )
    if entered is not None:
        return LevelReading(entered, "miit")
    level = (
        Evaluation.objects.submitted()
        .filter(enterprise_id=enterprise_id, year=year)
        .values_list("provisional_level", flat=True)
        .first()
    )
    if level is not None:
        return LevelReading(level, "questionnaire")
    return LevelReading(None, "")


def questionnaire_levels(year: int, enterprises: QuerySet[Enterprise]) -> QuerySet:
    """(enterprise credit code, provisional level) of the submitted questionnaires of a year: the level that
    counts where no MIIT level was entered (D17), for many enterprises at once (a batch's export)."""
    return (
        Evaluation.objects.submitted()
        .filter(year=year, enterprise__in=enterprises.values("pk"), provisional_level__isnull=False)
        .values_list("enterprise__credit_code", "provisional_level")
    )


# --- The result page ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """Average points per dimension over a group of submitted evaluations of the same year."""

    label: str
    count: int
    points: dict[str, Decimal | None]


def comparisons(evaluation: Evaluation) -> list[Comparison]:
    """The averages of the enterprise's industry section and of its city, for the radar chart."""
    enterprise = evaluation.enterprise
    base = Evaluation.objects.submitted().filter(year=evaluation.year)
    groups = []
    section = enterprise.industry.division.section if enterprise.industry_id else None
    if section is not None:
        groups.append(
            (
                _("Industry section %(letter)s average") % {"letter": section.letter},
                base.filter(enterprise__industry__division__section=section),
            )
        )
    region = enterprise.region
    city_path = "/".join(region.path.split("/")[:2]) + "/" if region.path.count("/") >= 2 else region.path
    groups.append((_("City average"), base.filter(enterprise__region__path__startswith=city_path)))
    result = []
    for label, queryset in groups:
        row = queryset.aggregate(
            count=Count("pk"),
            foundation=Avg("foundation_points"),
            management=Avg("management_points"),
            results=Avg("results_points"),
        )
        result.append(
            Comparison(
                label=label,
                count=row["count"],
                points={key: row[key] for key in DIMENSION_FIELDS},
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class ProfileLine:
    """One part of the digital profile (上云用数赋智), with the answers it is read from."""

    key: str
    label: str
    summary: str
    basis: str


def digital_profile(evaluation: Evaluation) -> list[ProfileLine]:
    """The enterprise's 上云用数赋智 profile, read from its answers (the project's reading; not official)."""
    questionnaire = questionnaire_of(evaluation)
    answers = evaluation.answers
    q5, q4, q7 = (questionnaire.item(i) for i in ("q5", "q4", "q7"))
    q5_option = q5.option(str(answers.get("q5"))) if answers.get("q5") else None
    links = [o for o in q4.options if not o.none]
    chosen_links = [o for o in links if o.key in (answers.get("q4") or [])]
    security = [o for o in q7.options if not o.none and o.key in (answers.get("q7") or [])]
    levels = [answers.get(s.id) for s in questionnaire.scenarios]
    rated = [level for level in levels if level]
    return [
        ProfileLine(
            "cloud",
            _("Cloud (上云)"),
            q5_option.text_zh if q5_option else _("not answered"),
            _("Q5: business links managed with on-premises or cloud information services"),
        ),
        ProfileLine(
            "data",
            _("Using data (用数)"),
            _(
                "automatic data collection in %(n)s of %(total)s business links; %(s)s of 4 data-security measures"
            )
            % {"n": len(chosen_links), "total": len(links), "s": len(security)},
            _("Q4 and Q7"),
        ),
        ProfileLine(
            "intelligence",
            _("Intelligence (赋智)"),
            _(
                "%(four)s of 16 scenarios at level 4 (AI and models), %(three)s at level 3; %(unrated)s not rated"
            )
            % {
                "four": sum(1 for level in rated if int(level) >= 4),
                "three": sum(1 for level in rated if int(level) == 3),
                "unrated": len(levels) - len(rated),
            },
            _("The 16 scenarios of 数字化经营"),
        ),
    ]


@dataclass(frozen=True, slots=True)
class Opportunity:
    """An item with points still to gain."""

    item_id: str
    number: int
    title: str
    dimension: str
    available: Fraction

    @property
    def available_text(self) -> str:
        return points_text(self.available)


def opportunities(evaluation: Evaluation, result: scoring.Score) -> list[Opportunity]:
    """Answered items ordered by the points still available in them, most first."""
    questionnaire = questionnaire_of(evaluation)
    rows = []
    for item in questionnaire.items:
        earned = result.items[item.id]
        if earned is not None and earned < item.max_points:
            rows.append(
                Opportunity(item.id, item.number, item.title_zh, item.dimension, item.max_points - earned)
            )
    return sorted(rows, key=lambda row: (-row.available, row.number))


def history(enterprise: Enterprise) -> list[dict[str, object]]:
    """Every year's result of the enterprise, with the level that counts that year (D17)."""
    entered = dict(
        AnnualFiling.objects.filter(enterprise=enterprise, digital_level__isnull=False).values_list(
            "year", "digital_level"
        )
    )
    rows = []
    for evaluation in Evaluation.objects.filter(enterprise=enterprise).order_by("-year"):
        rows.append(
            {
                "evaluation": evaluation,
                "miit_level": entered.get(evaluation.year),
            }
        )
    return rows


PROVISIONAL_NOTE_EN = (
    "No MIIT digital-level result is entered for this year: the level is the provisional one of the "
    "enterprise's submitted 2024 questionnaire (2022 bands on its score, decision D17; the level rule is "
    "unconfirmed [U])."
)
PROVISIONAL_NOTE_ZH = (
    "本年度未录入工业和信息化部数字化水平评测结果：此处等级取自企业提交的2024年版评测问卷得分的暂定等级"
    "（按2022年版分档，决策 D17；等级规则未经核实 [U]）。"
)


def mark_provisional_level(explanations: Mapping[str, dict]) -> None:
    """Say, in every explanation's digital-level indicator, that the level read is the questionnaire's."""
    for document in explanations.values():
        for criterion in document.get("criteria", ()):
            if criterion.get("id") != "digital_level" or criterion.get("inputs", {}).get("digital_level") in (
                None,
                "",
            ):
                continue
            criterion["note"] = "; ".join(filter(None, [criterion.get("note"), PROVISIONAL_NOTE_EN]))
            criterion["note_zh"] = "；".join(filter(None, [criterion.get("note_zh"), PROVISIONAL_NOTE_ZH]))


# --- What the pages show ---------------------------------------------------------------------------------------


def section_labels(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    """(section, label) in page order: the three scored dimensions, then the scenarios."""
    labels = [(d.id, choose(d.label_zh, d.label_en)) for d in questionnaire.dimensions]
    return [*labels, ("operations", _("数字化经营 · Digital operations (16 scenarios, unscored)"))]


def dimension_labels(questionnaire_id: str = CURRENT_ID) -> dict[str, str]:
    """Dimension id -> its Chinese and English name."""
    return {d.id: choose(d.label_zh, d.label_en) for d in load(questionnaire_id).dimensions}


def transformation_request_text(evaluation: Evaluation, result: scoring.Score) -> dict[str, str]:
    """The pre-filled title and description of a digital-transformation request: the weakest dimension first."""
    questionnaire = questionnaire_of(evaluation)
    weakest = questionnaire.dimension(weakest_dimension(result))
    points = next(d for d in result.dimensions if d.id == weakest.id)
    items = [o for o in opportunities(evaluation, result) if o.dimension == weakest.id][:3]
    lines = [
        _("Digital-level evaluation %(year)s: weakest dimension %(name)s, %(points)s of %(max)s points.")
        % {
            "year": evaluation.year,
            "name": f"{weakest.label_zh} ({weakest.label_en})",
            "points": points_text(points.points),
            "max": points_text(points.max_points),
        },
        _("Where the most points are still open:"),
        *[f"- Q{o.number} {o.title}: +{points_text(o.available)}" for o in items],
    ]
    return {
        "title": _("Digital transformation: %(name)s") % {"name": weakest.label_zh},
        "description": "\n".join(lines),
    }


def points_text(value: Fraction | Decimal | int | None) -> str:
    """Points as a person writes them: 7.5, 1.875, 20 (exact; never a float's artefacts)."""
    if value is None:
        return "—"
    decimal = _decimal(value) if isinstance(value, Fraction) else Decimal(value)
    return format(decimal.normalize(), "f")


def result_context(evaluation: Evaluation, user: User) -> dict[str, object]:
    """Everything the result page shows, from the evaluation and its year's comparisons."""
    questionnaire = questionnaire_of(evaluation)
    result = scoring.score(questionnaire, evaluation.answers)
    miit = (
        AnnualFiling.objects.filter(enterprise=evaluation.enterprise, year=evaluation.year)
        .values_list("digital_level", flat=True)
        .first()
    )
    gap = scoring.points_to_next_level(result, questionnaire)
    groups = comparisons(evaluation)
    dims = [
        {
            "id": d.id,
            "label": label_of(questionnaire.dimension(d.id)),
            "points": points_text(d.points),
            "max": points_text(d.max_points),
            "share": round(float(d.points / d.max_points) * 100),
            "complete": d.complete,
        }
        for d in result.dimensions
    ]
    radar = {
        "indicators": [
            {"name": d["label"], "max": float(questionnaire.dimension(d["id"]).points)} for d in dims
        ],
        "series": [
            {"name": str(evaluation.enterprise.name), "value": [float(d.points) for d in result.dimensions]},
            *[
                {
                    "name": f"{g.label} (n={g.count})",
                    "value": [float(g.points[k] or 0) for k in DIMENSION_FIELDS],
                }
                for g in groups
                if g.count
            ],
        ],
    }
    can_file = evaluation.status == EvaluationStatus.SUBMITTED and speaks_for(user, evaluation)
    return {
        "evaluation": evaluation,
        "enterprise": evaluation.enterprise,
        "questionnaire": questionnaire,
        "score": result,
        "total": points_text(result.total) if result.total is not None else None,
        "dimensions": dims,
        "miit_level": miit,
        "gap": {"level": gap[0], "points": points_text(gap[1])} if gap else None,
        "opportunities": opportunities(evaluation, result)[:5],
        "comparisons": groups,
        "radar": radar,
        "history": history(evaluation.enterprise),
        "profile": digital_profile(evaluation),
        "q4_other": points_text(result.q4_equal_split) if result.q4_equal_split is not None else None,
        "q4_platform": points_text(result.items.get("q4")),
        "scenario_checks": result.scenario_checks,
        "scenario_source": questionnaire.scenario_conditions_source,
        "disagreements": [
            (f"Q{i.number}", i.disagreement_en) for i in questionnaire.items if i.disagreement_en
        ]
        + [(f"S{s.number}", s.disagreement_en) for s in questionnaire.scenarios if s.disagreement_en],
        "request_initial": transformation_request_text(evaluation, result) if can_file else None,
    }


def speaks_for(user: User, evaluation: Evaluation) -> bool:
    """Whether the user may speak for the enterprise (owner or delegate): who may ask the network for help."""
    return bool(enterprise_decision(user, "apply", evaluation.enterprise))
