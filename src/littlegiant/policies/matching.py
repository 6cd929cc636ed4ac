"""Which support policies an enterprise qualifies for now, which it would with a stated change (the gap, as
in the self-assessment), and which are undecided for lack of data (the fields named).

The engine decides: each policy becomes a pack-like RulePack (policies/conditions.py), evaluated by the
reference evaluator (`rules.evaluation.evaluate_pack`), its gaps found by the self-assessment's own search
(`rules.explanation.gaps`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from littlegiant.assessment.services import filing_record, latest_filing
from littlegiant.bilingual import choose
from littlegiant.enterprises.models import Enterprise
from littlegiant.policies.conditions import (
    SIZE_INPUTS,
    TITLE_INPUTS,
    ConditionError,
    PolicyTerms,
    parse_amount,
    parse_conditions,
    policy_pack,
)
from littlegiant.policies.models import BenefitKind, Policy, PolicyNotice
from littlegiant.recognition.models import Recognition, Tier
from littlegiant.rules import registry
from littlegiant.rules.evaluation import MET, UNKNOWN, UNMET, evaluate_pack, to_python_value
from littlegiant.rules.explanation import gaps as find_gaps
from littlegiant.rules.explanation import missing_inputs
from littlegiant.rules.pack import SIZE_OUTCOMES as SIZE_CLASSES
from littlegiant.rules.pack import SIZE_PACK_ID, Confidence
from littlegiant.rules.schema import FIELDS_BY_NAME

QUALIFIES, WITHIN_REACH, UNDECIDED, NOT_QUALIFIED = "qualifies", "within_reach", "undecided", "not_qualified"
STANDINGS = (QUALIFIES, WITHIN_REACH, UNDECIDED, NOT_QUALIFIED)
TITLE_OF_TIER = {
    Tier.INNOVATIVE_SME: "title_innovative_sme",
    Tier.SRDI_SME: "title_srdi_sme",
    Tier.LITTLE_GIANT: "title_little_giant",
}
FEN = Decimal("0.01")


def terms_of(policy: Policy) -> PolicyTerms:
    """The engine's view of a policy (its conditions were checked when saved)."""
    return PolicyTerms(
        key=policy.version_key,
        title_zh=policy.title,
        title_en=policy.title,
        document=policy.document_number,
        issuer=policy.issuer,
        conditions=tuple(parse_conditions(policy.conditions)),
        confidence=Confidence.UNCONFIRMED if policy.demo else Confidence.CONFIRMED,
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """The titles and size an enterprise has on a day: the values of the title inputs, and what is unknown."""

    values: dict[str, bool | None]
    size: str | None
    size_missing: tuple[str, ...] = ()
    # The values as a key of the policy packs kept (conditions.policy_pack), made once per enterprise.
    titles: tuple[tuple[str, bool | None], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "titles", tuple(sorted(self.values.items())))


def standing_of(enterprise_id: int, record: Mapping[str, object], day: dt.date) -> Standing:
    """Valid titles from recognition; the size class from the size pack over the record."""
    tiers = set(
        Recognition.objects.valid_on(day).filter(enterprise_id=enterprise_id).values_list("tier", flat=True)
    )
    values: dict[str, bool | None] = {name: tier in tiers for tier, name in TITLE_OF_TIER.items()}
    size_pack = registry.get(SIZE_PACK_ID)
    result = evaluate_pack(size_pack, record)
    size = result.outcome if result.outcome in SIZE_CLASSES else None
    for name in SIZE_CLASSES:
        values[f"size_{name}"] = None if size is None else size == name
    values["size_sme"] = None if size is None else size != "large"
    missing = () if size else tuple(missing_inputs(size_pack, result, record, {}))
    return Standing(values, size, missing)


@dataclass
class PolicyStanding:
    """One policy for one enterprise: where the enterprise stands, and why."""

    policy: Policy
    standing: str
    conditions: list[dict[str, Any]] = field(default_factory=list)  # label, threshold, status
    gaps: list[dict[str, Any]] = field(default_factory=list)  # the engine's gap documents
    unmet: list[dict[str, Any]] = field(default_factory=list)  # failed conditions no single change meets
    missing: list[str] = field(default_factory=list)  # canonical fields and title inputs unknown
    amount: Decimal | None = None
    notified: bool = False

    @property
    def steps(self) -> int:
        return len(self.gaps)

    @property
    def missing_labels(self) -> list[str]:
        return [input_label(name) for name in self.missing]

    def as_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy.pk,
            "title": self.policy.title,
            "standing": self.standing,
            "conditions": self.conditions,
            "gaps": self.gaps,
            "unmet": self.unmet,
            "missing": self.missing,
            "amount": None if self.amount is None else str(self.amount),
            "notified": self.notified,
        }


def input_label(name: str) -> str:
    """A field's or title input's name in the reader's language."""
    spec = FIELDS_BY_NAME.get(name)
    if spec is not None:
        return choose(spec.label_zh, spec.label_en)
    title = TITLE_INPUTS.get(name)
    return choose(title.label_zh, title.label_en) if title else name


def benefit_amount(policy: Policy, record: Mapping[str, object]) -> Decimal | None:
    """The amount a policy gives this enterprise, to the fen (half up); None for a benefit in words or when an
    input of the amount is unknown."""
    if policy.benefit_kind == BenefitKind.AMOUNT:
        return policy.benefit_amount
    if policy.benefit_kind != BenefitKind.EXPRESSION or not policy.benefit_expression:
        return None
    try:
        expression = parse_amount(policy.benefit_expression)
    except ConditionError:
        return None
    value = expression.evaluate(lambda name: to_python_value(name, record.get(name)))
    if not isinstance(value, Fraction):
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(FEN, rounding=ROUND_HALF_UP)


def match_policy(policy: Policy, record: Mapping[str, object], standing: Standing) -> PolicyStanding:
    """Evaluate one policy for one enterprise's record and standing."""
    pack = policy_pack(policy.version_key, standing.titles, lambda: terms_of(policy))
    result = evaluate_pack(pack, record)
    conditions = []
    unknown_fields: list[str] = []
    unmet_ids = []
    for criterion in pack.criteria:
        status = result.criteria[criterion.id].status
        conditions.append({"id": criterion.id, "label": criterion.label_zh, "threshold": criterion.threshold,
                           "status": status})  # fmt: skip
        if status == UNMET:
            unmet_ids.append(criterion.id)
        elif status == UNKNOWN:
            names = criterion.test.names if criterion.test is not None else frozenset()
            for name in sorted(names):
                if name in FIELDS_BY_NAME and record.get(name) is None and name not in unknown_fields:
                    unknown_fields.append(name)
                elif name in SIZE_INPUTS and standing.values.get(name) is None:
                    unknown_fields += [f for f in standing.size_missing if f not in unknown_fields]
    found = find_gaps(pack, result, record, {}) if unmet_ids else []
    by_criterion = {gap["criterion"]: gap for gap in found}
    unmet = [c for c in conditions if c["id"] in unmet_ids and c["id"] not in by_criterion]
    if all(c["status"] == MET for c in conditions):
        verdict = QUALIFIES
    elif unmet:
        verdict = NOT_QUALIFIED
    elif unknown_fields or any(c["status"] == UNKNOWN for c in conditions):
        verdict = UNDECIDED
    else:
        verdict = WITHIN_REACH
    return PolicyStanding(
        policy=policy,
        standing=verdict,
        conditions=conditions,
        gaps=[by_criterion[i] for i in unmet_ids if i in by_criterion],
        unmet=unmet,
        missing=unknown_fields,
        amount=benefit_amount(policy, record),
    )


@dataclass
class EnterpriseMatches:
    """Every policy in force for an enterprise's region, sorted by where the enterprise stands."""

    enterprise: Enterprise
    year: int | None
    evaluated_on: dt.date
    qualifies: list[PolicyStanding] = field(default_factory=list)
    within_reach: list[PolicyStanding] = field(default_factory=list)
    undecided: list[PolicyStanding] = field(default_factory=list)
    not_qualified: list[PolicyStanding] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.qualifies) + len(self.within_reach) + len(self.undecided) + len(self.not_qualified)

    def as_dict(self) -> dict[str, Any]:
        return {
            "enterprise": self.enterprise.pk,
            "year": self.year,
            "evaluated_on": self.evaluated_on.isoformat(),
            **{name: [s.as_dict() for s in getattr(self, name)] for name in STANDINGS},
        }


def match_enterprise(
    enterprise: Enterprise, day: dt.date, policies: Iterable[Policy] | None = None
) -> EnterpriseMatches:
    """The policies in force on `day` for the enterprise's region, each decided on its latest filing."""
    filing = latest_filing(enterprise)
    if filing is not None:
        record = filing_record(filing)
    else:
        record = {"credit_code": enterprise.credit_code, "region_code": enterprise.region_id,
                  "industry_code": enterprise.industry_id}  # fmt: skip
    standing = standing_of(enterprise.pk, record, day)
    if policies is None:
        policies = Policy.objects.in_force_on(day).covering(enterprise.region).select_related("region")
    noticed = set(PolicyNotice.objects.filter(enterprise=enterprise).values_list("policy_id", flat=True))
    matches = EnterpriseMatches(enterprise, filing.year if filing else None, day)
    for policy in policies:
        found = match_policy(policy, record, standing)
        found.notified = policy.pk in noticed
        getattr(matches, found.standing).append(found)
    matches.within_reach.sort(key=lambda s: s.steps)
    return matches
