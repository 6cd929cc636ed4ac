"""The explanation document (schema littlegiant.explanation/1) and the gap analysis, in Chinese and English.

For every criterion: the inputs used, the computed value, the band or threshold met, the points, the clause
cited and
its confidence; then the outcome, the subtotals, the pack version and the evaluation date. Gaps are the
smallest
changes of one number that reach the next band or meet a condition; for insufficient_data, the missing inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from sqlglot import exp

from littlegiant.rules.evaluation import (
    NOT_EVALUATED,
    UNKNOWN,
    CriterionResult,
    PackResult,
    criterion_with_change,
    lookup_for,
    round_to_fen,
)
from littlegiant.rules.expressions import NOT_COMPUTABLE, Expression, ValueType
from littlegiant.rules.linear_gaps import UNSOLVED, linear_plan, solve
from littlegiant.rules.pack import (
    INSUFFICIENT,
    Amount,
    Composition,
    Condition,
    Criterion,
    Indicator,
    Parameter,
    RulePack,
    ScoreThreshold,
)
from littlegiant.rules.schema import FIELDS_BY_NAME, FieldKind

SCHEMA = "littlegiant.explanation/1"
NOT_COMPUTABLE_EN = "not computable: denominator is zero"
NOT_COMPUTABLE_ZH = "无法计算：分母为零"
DECLARED_EN = "declared, to be confirmed"
DECLARED_ZH = "申报声明，待确认"
# Steps of the gap search: the smallest change worth telling an enterprise about, per kind of field.
GAP_STEPS: dict[FieldKind, Decimal] = {
    FieldKind.MONEY: Decimal(1),
    FieldKind.COUNT: Decimal(1),
    FieldKind.INTEGER: Decimal(1),
    FieldKind.FRACTION: Decimal("0.0001"),
    FieldKind.NUMBER: Decimal("0.01"),
}


def decimal_text(value: Fraction | Decimal | int) -> str:
    """An exact decimal string; a non-terminating quotient is rounded to 10 places."""
    fraction = Fraction(value)
    rest, twos, fives = fraction.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    quotient = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    if rest == 1:
        places = max(twos, fives)
        exact = Decimal(fraction.numerator * 10**places // fraction.denominator).scaleb(-places)
        return format(exact, "f")
    return format(quotient.quantize(Decimal("1E-10"), rounding=ROUND_HALF_EVEN).normalize(), "f")


def json_number(value: Fraction | Decimal | None) -> int | float | None:
    if value is None:
        return None
    fraction = Fraction(value)
    if fraction.denominator == 1:
        return int(fraction)
    return float(Decimal(fraction.numerator) / Decimal(fraction.denominator))


def input_text(raw: object) -> str | bool | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, float):
        return repr(raw)
    if isinstance(raw, Decimal | int | Fraction):
        return decimal_text(Decimal(raw) if not isinstance(raw, Fraction) else raw)
    return str(raw)


def money_en(amount: Decimal) -> str:
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return f"{text} yuan"


def money_zh(amount: Decimal) -> str:
    if abs(amount) >= 10000:
        wan = (amount / 10000).quantize(Decimal("0.0001")).normalize()
        return f"{format(wan, 'f')} 万元"
    return f"{format(amount.normalize(), 'f')} 元"


def amount_texts(field: str, delta: Decimal) -> tuple[str, str]:
    kind = FIELDS_BY_NAME[field].kind
    if kind == FieldKind.MONEY:
        return money_en(delta), money_zh(delta)
    if kind == FieldKind.FRACTION:
        points = format((delta * 100).normalize(), "f")
        return f"{points} percentage points", f"{points} 个百分点"
    text = format(delta.normalize(), "f")
    if field == "niche_years":
        return f"{text} year(s)", f"{text} 年"
    return text, text


def _threshold_text(criterion: Criterion) -> str | None:
    if criterion.threshold:
        return str(criterion.threshold)
    return None


def explain(
    pack: RulePack,
    result: PackResult,
    record: Mapping[str, object],
    *,
    evaluated_on: dt.date,
    dependencies: Mapping[str, PackResult],
    dependency_documents: Mapping[str, dict[str, Any]] | None = None,
    with_gaps: bool = True,
) -> dict[str, Any]:
    """The explanation document of one pack for one enterprise."""
    lookup = lookup_for(pack, record)
    criteria_docs = [_criterion_doc(pack, c, result, record, lookup) for c in pack.criteria]
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "pack": {
            "id": pack.id,
            "version": pack.version,
            "title_zh": pack.title_zh,
            "title_en": pack.title_en,
            "document": pack.document,
            "provisional": pack.provisional,
            "decisions": list(pack.decisions),
        },
        "evaluated_on": evaluated_on.isoformat(),
        "outcome": result.outcome,
        "score": json_number(result.score) if pack.scored else None,
        "score_range": (
            {"min": json_number(result.score_range[0]), "max": json_number(result.score_range[1])}
            if pack.scored and result.score_range
            else None
        ),
        "subtotals": [_subtotal_doc(pack, result, category.id) for category in pack.categories],
        "criteria": criteria_docs,
        "gaps": [],
        "missing_inputs": [],
    }
    if result.outcome == INSUFFICIENT:
        document["missing_inputs"] = missing_inputs(pack, result, record, dependency_documents or {})
    if with_gaps:
        document["gaps"] = gaps(pack, result, record, dependencies)
    if pack.is_calculation:
        document["parameters"] = [_parameter_doc(parameter) for parameter in pack.parameters.values()]
        document["amounts"] = [_amount_doc(pack, amount, result, record) for amount in pack.amounts]
        if with_gaps:
            document["gaps"] += findings(pack, result, lookup)
    return document


def money_text(amount: Decimal, lang: str) -> str:
    """An amount written out to the fen: "12,345.67 yuan" / "12,345.67 元"."""
    text = f"{amount:,.2f}"
    return f"{text} yuan" if lang == "en" else f"{text} 元"


def rate_text(value: Fraction) -> str:
    """A rate as a percentage: 0.25 is "25%", 1.2 is "120%"."""
    return f"{decimal_text(value * 100)}%"


def _parameter_doc(parameter: Parameter) -> dict[str, Any]:
    return {
        "id": parameter.id,
        "label_zh": parameter.label_zh,
        "label_en": parameter.label_en,
        "value": decimal_text(parameter.value),
        "default": decimal_text(parameter.default),
        "overridden": parameter.overridden,
        "display": parameter.display,
        "clause": parameter.clause,
        "document": parameter.document,
        "href": parameter.href or None,
        "confidence": parameter.confidence.value,
        "note": parameter.note_en or None,
        "note_zh": parameter.note_zh or None,
    }


def _amount_doc(pack: RulePack, amount: Amount, result: PackResult, record: Mapping[str, object]) -> dict:
    """One step of a calculation: its exact value, the value written out (to the fen), what it reads."""
    exact = result.amounts.get(amount.id)
    fields = pack.prepared(("amount fields", amount.id), lambda: pack.amount_fields(amount))
    fen = round_to_fen(exact)
    return {
        "id": amount.id,
        "label_zh": amount.label_zh,
        "label_en": amount.label_en,
        "value": None if fen is None else format(fen, "f"),
        "exact": None if exact is None else decimal_text(exact),
        "display": amount.display,
        "column": amount.column if amount.written else None,
        "formula": " ".join(amount.expression.text.split()),
        "clause": amount.clause,
        "document": amount.document,
        "href": amount.href or None,
        "confidence": amount.confidence.value,
        "inputs": {name: input_text(record.get(name)) for name in fields},
        "missing": [name for name in fields if record.get(name) is None] if exact is None else [],
        "note": amount.note_en or None,
        "note_zh": amount.note_zh or None,
    }


def findings(pack: RulePack, result: PackResult, lookup: Callable[[str], object]) -> list[dict[str, Any]]:
    """A calculation pack's statements in yuan ("other related expenses are 12,345.67 yuan above the 10% cap
    and do not count"), for each finding whose condition holds."""
    parameters = pack.parameter_values

    def read(name: str) -> Any:
        if name in result.amounts:
            return result.amounts[name]
        if name in result.criteria:
            return result.criteria[name].truth
        if name in parameters:
            return parameters[name]
        return lookup(name)

    found = []
    for finding in pack.findings:
        if finding.when.evaluate(read) is not True:
            continue
        texts: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
        for key, expression, display in finding.values:
            value = expression.evaluate(read)
            if not isinstance(value, Fraction):
                break
            for lang in ("zh", "en"):
                if display == "rate":
                    texts[lang][key] = rate_text(value)
                else:
                    fen = round_to_fen(value)
                    assert fen is not None
                    texts[lang][key] = money_text(fen, lang)
        else:
            found.append(
                {
                    "criterion": finding.id,
                    "message_zh": finding.message_zh.format(**texts["zh"]),
                    "message_en": finding.message_en.format(**texts["en"]),
                    "changes": [],
                    "points_gained": None,
                }
            )
    return found


def _subtotal_doc(pack: RulePack, result: PackResult, category_id: str) -> dict[str, Any]:
    category = next(c for c in pack.categories if c.id == category_id)
    low, high = result.categories[category_id]
    if category.minimum is None:
        status = "met" if low == high else UNKNOWN
    elif low >= category.minimum:
        status = "met"
    elif high < category.minimum:
        status = "unmet"
    else:
        status = UNKNOWN
    return {
        "id": category.id,
        "label_zh": category.label_zh,
        "label_en": category.label_en,
        "points": json_number(low) if low == high else None,
        "range": {"min": json_number(low), "max": json_number(high)},
        "max": json_number(category.max),
        "minimum": json_number(category.minimum),
        "status": status,
    }


def year_offset(name: str) -> int | None:
    """How many years before the reference year a field describes (`_prev` 1, `_prev2` 2), None if not a
    yearly figure of one year."""
    if name.endswith("_prev2"):
        return 2
    if name.endswith("_prev"):
        return 1
    field = FIELDS_BY_NAME.get(name)
    return 0 if field is not None and field.group in ("finance", "rd_tax") else None


def figure_specs(pack: RulePack, criterion: Criterion) -> tuple[dict[str, Any], ...]:
    """What a criterion's figures are (each field and derived value named in its expressions, its labels, how
    it reads and the year it describes), the reference year first; the same for every enterprise."""
    names: list[str] = []
    for expression in criterion.expressions():
        for node in expression.tree.find_all(exp.Column):
            if node.name not in names and (node.name in FIELDS_BY_NAME or pack.derived_value(node.name)):
                names.append(node.name)
    specs = []
    for name in names:
        derived = pack.derived_value(name)
        if derived is not None:
            offsets = {year_offset(f) for f in pack.fields_of(frozenset({name}))}
            offset = offsets.pop() if len(offsets) == 1 else None
            label_zh, label_en, display = derived.label_zh, derived.label_en, derived.display
        else:
            field = FIELDS_BY_NAME[name]
            offset = year_offset(name)
            label_zh, label_en = field.label_zh, field.label_en
            display = _FIELD_DISPLAY.get(field.kind, "text")
        specs.append(
            {
                "name": name,
                "label_zh": label_zh,
                "label_en": label_en,
                "display": display,
                "year_offset": offset,
            }
        )
    # The reference year first, then the years before it; a figure spanning years last.
    specs.sort(key=lambda f: (f["year_offset"] is None, f["year_offset"] or 0))
    return tuple(specs)


def _figures(pack: RulePack, criterion: Criterion, lookup: Callable[[str], object]) -> list[dict[str, Any]]:
    """The enterprise's own figures a criterion reads, so that a reader sees every year it looks at."""
    figures = []
    for spec in pack.prepared(("figures", criterion.id), lambda: figure_specs(pack, criterion)):
        value = lookup(spec["name"])
        if value is NOT_COMPUTABLE:
            text: str | bool | None = None
        elif isinstance(value, Fraction):
            text = decimal_text(value)
        else:
            text = value  # type: ignore[assignment]
        figures.append({**spec, "value": text, "not_computable": value is NOT_COMPUTABLE})
    return figures


_FIELD_DISPLAY = {
    FieldKind.MONEY: "money",
    FieldKind.FRACTION: "percent",
    FieldKind.COUNT: "count",
    FieldKind.INTEGER: "number",
    FieldKind.NUMBER: "number",
    FieldKind.BOOLEAN: "boolean",
    FieldKind.ENUM: "text",
    FieldKind.TEXT: "text",
}


def _criterion_doc(
    pack: RulePack,
    criterion: Criterion,
    result: PackResult,
    record: Mapping[str, object],
    lookup: Callable[[str], object],
) -> dict:
    outcome = result.criteria[criterion.id]
    fields = pack.criterion_fields(criterion) if criterion.evaluated else []
    notes_en: list[str] = []
    notes_zh: list[str] = []
    if outcome.zero:
        notes_en.append(NOT_COMPUTABLE_EN)
        notes_zh.append(NOT_COMPUTABLE_ZH)
    if criterion.declared:
        notes_en.append(DECLARED_EN)
        notes_zh.append(DECLARED_ZH)
    if criterion.note_en:
        notes_en.append(criterion.note_en)
        notes_zh.append(criterion.note_zh)
    value: str | None
    if outcome.value is None or outcome.value is NOT_COMPUTABLE:
        value = None
    elif isinstance(outcome.value, Fraction):
        value = decimal_text(outcome.value)
    else:
        value = str(outcome.value)
    band = None
    if isinstance(criterion, Indicator) and outcome.band is not None:
        chosen = criterion.bands[outcome.band] if criterion.bands else criterion.options[outcome.band]
        band = {"label": chosen.label, "points": json_number(chosen.points)}
    return {
        "id": criterion.id,
        "kind": criterion.kind.value,
        "label_zh": criterion.label_zh,
        "label_en": criterion.label_en,
        "clause": criterion.clause,
        "document": criterion.document,
        "href": criterion.href or None,
        "confidence": criterion.confidence.value,
        "declared": criterion.declared,
        "inputs": {name: input_text(record.get(name)) for name in fields},
        "value": value,
        "status": outcome.status,
        "band": band,
        "points": json_number(outcome.points) if isinstance(criterion, Indicator) else None,
        "max_points": json_number(criterion.max_points) if isinstance(criterion, Indicator) else None,
        "threshold": _threshold_text(criterion),
        "display": criterion.display,
        "figures": _figures(pack, criterion, lookup) if criterion.evaluated else [],
        "note": "; ".join(notes_en) or None,
        "note_zh": "；".join(notes_zh) or None,
    }


def missing_inputs(
    pack: RulePack, result: PackResult, record: Mapping[str, object], dependency_documents: Mapping[str, dict]
) -> list[str]:
    """The unknown inputs read by the criteria that are still unknown: filling them in would decide the
    outcome."""
    missing: set[str] = set()
    for criterion in pack.criteria:
        if result.criteria[criterion.id].status != UNKNOWN:
            continue
        if isinstance(criterion, Composition):
            missing |= set(dependency_documents.get(criterion.composition_pack, {}).get("missing_inputs", []))
            continue
        if isinstance(criterion, ScoreThreshold):
            for indicator in pack.indicators:
                if result.criteria[indicator.id].status == UNKNOWN:
                    missing |= {f for f in pack.criterion_fields(indicator) if record.get(f) is None}
            continue
        missing |= {f for f in pack.criterion_fields(criterion) if record.get(f) is None}
    return sorted(missing)


# ----------------------------------------------------------------------------------------------------
# Gap analysis


def _search(
    current: Decimal, step: Decimal, direction: str, holds: Callable[[Decimal], bool]
) -> Decimal | None:
    """The smallest multiple of `step` to add (or take away, not below zero) so that `holds` becomes true."""
    sign = 1 if direction == "up" else -1
    limit = None if sign > 0 else int(current // step)

    def at(k: int) -> Decimal:
        return current + sign * step * k

    high = 1
    while True:
        if limit is not None and high >= limit:
            high = limit
            if high <= 0 or not holds(at(high)):
                return None
            break
        if holds(at(high)):
            break
        high *= 2
        if high > 2**62:
            return None
    low = 0  # the current value, which does not hold
    while high - low > 1:
        middle = (low + high) // 2
        if holds(at(middle)):
            high = middle
        else:
            low = middle
    return step * high


def _condition_gap(
    pack: RulePack,
    criterion: Criterion,
    record: Mapping[str, object],
    current: Decimal,
    step: Decimal,
    holds: Callable[[Decimal], bool],
) -> Decimal | None:
    """The change that meets an unmet condition: solved directly when the condition is linear in the field
    (rules/linear_gaps.py, the common case), searched for otherwise."""
    assert criterion.gap is not None
    field_name, direction = criterion.gap.field, criterion.gap.direction
    plan = pack.prepared(
        ("linear gap", criterion.id, field_name), lambda: linear_plan(pack, criterion, field_name)
    )
    if plan is not None:
        solved = solve(plan, lookup_for(pack, record), current, step, direction)  # type: ignore[arg-type]
        if solved is not UNSOLVED:
            return solved  # type: ignore[return-value]
    return _search(current, step, direction, holds)


def _linear_guess(
    current: Decimal, step: Decimal, direction: str, value_at: Callable[[Decimal], object], edge: Decimal
) -> int | None:
    """Steps to an edge when the indicator's value is linear in the field (every ratio of the packs is)."""
    v0, v1 = value_at(current), value_at(current + 1)
    if not isinstance(v0, Fraction) or not isinstance(v1, Fraction) or v1 == v0:
        return None
    slope = v1 - v0
    x = Fraction(current) + (Fraction(edge) - v0) / slope
    steps = (x - Fraction(current)) / Fraction(step) * (1 if direction == "up" else -1)
    if steps <= 0:
        return None
    whole = steps.numerator // steps.denominator
    return whole if whole == steps else whole + 1


def gaps(
    pack: RulePack, result: PackResult, record: Mapping[str, object], dependencies: Mapping[str, PackResult]
) -> list[dict[str, Any]]:
    """The smallest one-number changes that reach the next band of an indicator or meet an unmet condition."""
    found: list[dict[str, Any]] = []
    by_criterion: dict[str, dict[str, Any]] = {}
    for criterion in pack.criteria:
        outcome = result.criteria[criterion.id]
        if (
            not isinstance(criterion, Condition | Indicator)
            or criterion.gap is None
            or outcome.status == NOT_EVALUATED
            or outcome.zero
        ):
            continue
        field_name = criterion.gap.field
        current_raw = record.get(field_name)
        if current_raw is None:
            continue
        current = Decimal(str(current_raw))
        kind = FIELDS_BY_NAME[field_name].kind
        step = GAP_STEPS[kind]
        changed_to = criterion_with_change(pack, criterion, record, dependencies, field_name)
        if isinstance(criterion, Indicator):
            if outcome.points is None or outcome.points >= criterion.max_points:
                continue
            better = sorted({b.points for b in criterion.bands} | {o.points for o in criterion.options})
            target = next(p for p in better if p > outcome.points)

            def holds(
                x: Decimal,
                target: Decimal = target,
                changed_to: Callable[[object], CriterionResult] = changed_to,
            ) -> bool:
                changed = changed_to(x)
                return changed.points is not None and changed.points >= target

            delta = None
            if criterion.bands:
                edge = next(
                    (b.low if criterion.gap.direction == "up" else b.high)
                    for b in criterion.bands
                    if b.points == target
                )
                guess = None
                if edge is not None:

                    def value_at(
                        x: Decimal, changed_to: Callable[[object], CriterionResult] = changed_to
                    ) -> object:
                        return changed_to(x).value

                    guess = _linear_guess(current, step, criterion.gap.direction, value_at, edge)
                sign = 1 if criterion.gap.direction == "up" else -1
                if (
                    guess is not None
                    and holds(current + sign * step * guess)
                    and (guess == 1 or not holds(current + sign * step * (guess - 1)))
                ):
                    delta = step * guess
            if delta is None:
                delta = _search(current, step, criterion.gap.direction, holds)
            if delta is None:
                continue
            reached = changed_to(_apply(current, delta, criterion))
            gained = reached.points or Fraction(0)
            label = (
                criterion.bands[reached.band].label
                if criterion.bands and reached.band is not None
                else criterion.options[reached.band].label
                if reached.band is not None
                else ""
            )
            points_gained = json_number(gained - outcome.points)
            target_en = f"reach band {label} of \u201c{criterion.label_en}\u201d (+{points_gained} points)"
            target_zh = f"达到\u201c{criterion.label_zh}\u201d的{label}档（加 {points_gained} 分）"
        else:
            if outcome.status != "unmet":
                continue
            if isinstance(criterion, Condition) and criterion.year_gaps:
                year_gap = _year_gap(pack, criterion, record)
                if year_gap is not None:
                    by_criterion[criterion.id] = year_gap
                    found.append(year_gap)
                continue

            def holds(x: Decimal, changed_to: Callable[[object], CriterionResult] = changed_to) -> bool:
                return changed_to(x).truth is True

            delta = _condition_gap(pack, criterion, record, current, step, holds)
            if delta is None:
                continue
            points_gained = None
            target_en = f"meet \u201c{criterion.label_en}\u201d"
            target_zh = f"满足\u201c{criterion.label_zh}\u201d"
        new_value = _apply(current, delta, criterion)
        amount_en, amount_zh = amount_texts(field_name, delta)
        field = FIELDS_BY_NAME[field_name]
        verb_en = "rise" if criterion.gap.direction == "up" else "fall"
        verb_zh = "增加" if criterion.gap.direction == "up" else "减少"
        gap = {
            "criterion": criterion.id,
            "message_en": f"{field.label_en} must {verb_en} by {amount_en} to {target_en}",
            "message_zh": f"{field.label_zh}需{verb_zh} {amount_zh}，才能{target_zh}",
            "changes": [
                {
                    "field": field_name,
                    "from": decimal_text(current),
                    "to": decimal_text(new_value),
                    "delta": decimal_text(new_value - current),
                }
            ],
            "points_gained": points_gained,
        }
        by_criterion[criterion.id] = gap
        found.append(gap)
    found.extend(_score_gaps(pack, result, by_criterion))
    return found


def _conjuncts(node: exp.Expression, lookup: Callable[[str], object]) -> list[exp.Expression]:
    """The parts that must all hold: an AND's operands, or those of the CASE branch that applies."""
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.And):
        return [part for operand in node.flatten() for part in _conjuncts(operand, lookup)]
    if isinstance(node, exp.Case):
        for branch in node.args["ifs"]:
            if _part(branch.this).evaluate(lookup) is True:  # type: ignore[arg-type]
                return _conjuncts(branch.args["true"], lookup)
    return [node]


def _part(node: exp.Expression) -> Expression:
    names = frozenset(column.name for column in node.find_all(exp.Column))
    return Expression(node.sql(), node, ValueType.BOOLEAN, names)


def year_label(offset: int | None, year: object) -> tuple[str, str]:
    """ "2025 年" / "前一年度（2024 年）", in Chinese and English, for a figure `offset` years back."""
    if year is None or isinstance(year, bool) or offset is None:
        return "", ""
    try:
        year = int(str(year))
    except ValueError:
        return "", ""
    if offset == 0:
        return f"{year} 年", str(year)
    before_zh = {1: "前一年度", 2: "前两年度"}.get(offset, f"前{offset}年度")
    before_en = {1: "the year before", 2: "two years before"}.get(offset, f"{offset} years before")
    return f"{before_zh}（{year - offset} 年）", f"{before_en} ({year - offset})"


def _year_gap(pack: RulePack, criterion: Criterion, record: Mapping[str, object]) -> dict[str, Any] | None:
    """For a condition on several years: the change each year's input needs, e.g. "2025 年研发费用总额需增加
    19.72 万元；前一年度（2024 年）研发费用总额需增加 26.88 万元".

    Each year first meets the parts of the condition that read it alone (its own ratio, its own floor); a part
    reading several years (a two-year total) that still fails after that is met by raising the first year.
    """
    assert isinstance(criterion, Condition)
    fields = [gap.field for gap in criterion.year_gaps]
    if any(record.get(name) is None for name in fields):
        return None
    # Each part is parsed into a closure once per call; the searches below only evaluate them.
    parts = [_part(node) for node in _conjuncts(criterion.test.tree, lookup_for(pack, record))]  # type: ignore[arg-type]
    reads = [set(pack.fields_of(part.names)) for part in parts]
    changed: dict[str, object] = dict(record)

    def holds_with(values: Mapping[str, object], chosen: list[Expression]) -> bool:
        lookup = lookup_for(pack, values)
        return all(part.evaluate(lookup) is True for part in chosen)  # type: ignore[arg-type]

    for gap in criterion.year_gaps:
        own = [
            p
            for p, r in zip(parts, reads, strict=True)
            if gap.field in r and not (r & set(fields)) - {gap.field}
        ]
        current = Decimal(str(record[gap.field]))
        if not own or holds_with(changed, own):
            continue

        def holds(x: Decimal, name: str = gap.field, own: list = own) -> bool:
            return holds_with({**changed, name: x}, own)

        delta = _search(current, GAP_STEPS[FIELDS_BY_NAME[gap.field].kind], gap.direction, holds)
        if delta is None:
            return None
        changed[gap.field] = current + delta if gap.direction == "up" else current - delta
    if not holds_with(changed, parts):
        first = criterion.year_gaps[0]
        start = Decimal(str(changed[first.field]))

        def holds_all(x: Decimal) -> bool:
            return holds_with({**changed, first.field: x}, parts)

        delta = _search(start, GAP_STEPS[FIELDS_BY_NAME[first.field].kind], first.direction, holds_all)
        if delta is None:
            return None
        changed[first.field] = start + delta if first.direction == "up" else start - delta
    changes = []
    parts_zh: list[str] = []
    parts_en: list[str] = []
    for gap in criterion.year_gaps:
        before, after = Decimal(str(record[gap.field])), Decimal(str(changed[gap.field]))
        if before == after:
            continue
        field = FIELDS_BY_NAME[gap.field]
        amount_en, amount_zh = amount_texts(gap.field, abs(after - before))
        when_zh, when_en = year_label(year_offset(gap.field), record.get("year"))
        base_zh = field.label_zh.split("（")[0]
        base_en = field.label_en.split(",")[0]
        verb_zh, verb_en = ("增加", "rise") if after > before else ("减少", "fall")
        parts_zh.append(f"{when_zh}{base_zh}需{verb_zh} {amount_zh}")
        parts_en.append(f"{base_en} of {when_en or 'that year'} must {verb_en} by {amount_en}")
        changes.append(
            {
                "field": gap.field,
                "from": decimal_text(before),
                "to": decimal_text(after),
                "delta": decimal_text(after - before),
            }
        )
    if not changes:
        return None
    return {
        "criterion": criterion.id,
        "message_zh": f"{'；'.join(parts_zh)}，才能满足\u201c{criterion.label_zh}\u201d",
        "message_en": f"{'; '.join(parts_en)} to meet \u201c{criterion.label_en}\u201d",
        "changes": changes,
        "points_gained": None,
    }


def _apply(current: Decimal, delta: Decimal, criterion: Condition | Indicator) -> Decimal:
    assert criterion.gap is not None
    return current + delta if criterion.gap.direction == "up" else current - delta


def _score_gaps(
    pack: RulePack, result: PackResult, by_criterion: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """For a score threshold not yet reached: how many points are missing, and which single changes would
    do."""
    found = []
    for criterion in pack.criteria:
        if not isinstance(criterion, ScoreThreshold) or result.criteria[criterion.id].status == "met":
            continue
        for key, threshold in criterion.score_at_least.items():
            if key == "total":
                assert result.score_range is not None
                low, high = result.score_range
                scope = list(pack.indicators)
                scope_en, scope_zh = "the total score", "总分"
            else:
                low, high = result.categories[key]
                category = next(c for c in pack.categories if c.id == key)
                scope = [c for c in pack.indicators if c.category == key]
                scope_en, scope_zh = f"the {category.label_en} subtotal", f"{category.label_zh}得分"
            if low != high or low >= threshold:
                continue
            needed = Fraction(threshold) - low
            candidates_en: list[str] = []
            candidates_zh: list[str] = []
            gains: list[Fraction] = []
            suffices = False
            for indicator in scope:
                current = result.criteria[indicator.id].points or Fraction(0)
                if indicator.id in by_criterion and by_criterion[indicator.id]["points_gained"]:
                    gained = Fraction(by_criterion[indicator.id]["points_gained"])
                    gains.append(gained)
                    suffices |= gained >= needed
                    candidates_en.append(by_criterion[indicator.id]["message_en"])
                    candidates_zh.append(by_criterion[indicator.id]["message_zh"])
                    continue
                # The cheapest option that closes the gap alone, else the best option there is.
                better = [o for o in reversed(indicator.options) if Fraction(o.points) > current]
                alone = [o for o in better if Fraction(o.points) - current >= needed]
                chosen = alone[0] if alone else (better[-1] if better else None)
                if chosen is not None:
                    gained = Fraction(chosen.points) - current
                    gains.append(gained)
                    suffices |= gained >= needed
                    plus = json_number(gained)
                    candidates_en.append(f"{indicator.label_en}: {chosen.label} (+{plus} points)")
                    candidates_zh.append(f"{indicator.label_zh}：{chosen.label}（加 {plus} 分）")
            if suffices:
                keep = [i for i, gained in enumerate(gains) if gained >= needed]
                candidates_en = [candidates_en[i] for i in keep]
                candidates_zh = [candidates_zh[i] for i in keep]
            missing = json_number(needed)
            joined_en = "; ".join(candidates_en)
            joined_zh = "；".join(candidates_zh)
            how_en = "any one of" if suffices else "a combination of"
            how_zh = "以下任一项即可" if suffices else "需组合以下各项"
            found.append(
                {
                    "criterion": criterion.id,
                    "message_en": (
                        f"{missing} more points needed for {scope_en} to reach {threshold}: "
                        f"{how_en}: {joined_en}"
                    ),
                    "message_zh": f"{scope_zh}还差 {missing} 分才能达到 {threshold} 分，"
                    f"{how_zh}：{joined_zh}",
                    "changes": [],
                    "points_gained": missing,
                }
            )
    return found
