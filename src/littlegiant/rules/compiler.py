"""The one compiler from rule packs to SQL, run by DuckDB, for one enterprise or a whole file.

The query is a stack of projections over a relation with the canonical columns (typed: see `COLUMN_TYPES`):
each derived value, then the criteria, then the score, then the outcome, pack after pack in dependency order.
Internal columns are named `p<n>__...`; `result_from_row` reads them back into a PackResult.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlglot import exp

from littlegiant.rules.evaluation import (
    NOT_EVALUATED,
    CriterionResult,
    PackResult,
    indicator_status,
    status_of,
)
from littlegiant.rules.expressions import (
    NOT_COMPUTABLE,
    SqlCompiler,
    SqlNumber,
    ValueType,
    Width,
    decimal_literal,
    literal_width,
    times,
)
from littlegiant.rules.industries import SizeIndustry, size_industry
from littlegiant.rules.pack import (
    INSUFFICIENT,
    Composition,
    Condition,
    Criterion,
    DivisionExclusion,
    Indicator,
    IndustryKnown,
    IndustryTest,
    RulePack,
    ScoreThreshold,
    Unevaluated,
)
from littlegiant.rules.schema import FIELDS, FieldKind

SCALES: dict[FieldKind, int] = {
    FieldKind.INTEGER: 0,
    FieldKind.COUNT: 0,
    FieldKind.MONEY: 2,
    FieldKind.FRACTION: 8,
    FieldKind.NUMBER: 6,
}
# The bounds every input value is checked against on reading (records.py, in Python, DuckDB and Spark alike):
# money below 10^14 yuan in magnitude (a hundred trillion yuan, far above any enterprise's), every other number
# below 10^9. They give each numeric column the narrowest exact type that holds every good value: money
# DECIMAL(16,2), an integer or a count DECIMAL(9,0), a fraction DECIMAL(17,8), a number DECIMAL(15,6), all of at
# most 18 digits. DuckDB keeps such a decimal in a 64-bit integer and widens the type of every sum, product
# and comparison from its operands' (p1 + p2 digits for a product): a ratio test such as
# `debt >= 0.55 * assets` stays in 64-bit integers (DECIMAL(18,4)), and only an expression that could exceed
# 18 digits (the product of two amounts) is computed in 128 bits, as every one was when the columns were
# DECIMAL(38,s). No value is rounded either way; the narrow types only prove that fewer digits are needed.
MONEY_LIMIT_DIGITS = 14
NUMBER_LIMIT_DIGITS = 9
MONEY_LIMIT = Decimal(10) ** MONEY_LIMIT_DIGITS
NUMBER_LIMIT = Decimal(10) ** NUMBER_LIMIT_DIGITS


def _exact_type(kind: FieldKind) -> str:
    digits = MONEY_LIMIT_DIGITS if kind == FieldKind.MONEY else NUMBER_LIMIT_DIGITS
    return f"DECIMAL({digits + SCALES[kind]},{SCALES[kind]})"


# Exact types of the canonical columns, as read from any input once checked.
COLUMN_TYPES: dict[FieldKind, str] = {
    FieldKind.TEXT: "VARCHAR",
    FieldKind.ENUM: "VARCHAR",
    FieldKind.BOOLEAN: "BOOLEAN",
    **{kind: _exact_type(kind) for kind in SCALES},
}
POINTS_TYPE = "DECIMAL(18,6)"
STAGES = 6


def column_type(name: str) -> str:
    return COLUMN_TYPES[next(f.kind for f in FIELDS if f.name == name)]


def column_number(name: str) -> SqlNumber:
    """A numeric canonical column as a number of the compiler, with its width (COLUMN_TYPES)."""
    kind = next(f.kind for f in FIELDS if f.name == name)
    digits = MONEY_LIMIT_DIGITS if kind == FieldKind.MONEY else NUMBER_LIMIT_DIGITS
    return SqlNumber(quote(name), num_width=(digits + SCALES[kind], SCALES[kind]))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# The 16 industries as small integers (their order in rules/industries.py). The compiled query carries the
# industry as this index and compares integers: three CASEs of 16 branches comparing a name of up to 24 bytes
# took a sixth of the outcome-only query's CPU (bench/README.md, seventh session). Only the industry
# criterion's value column turns the index back into the name.
INDUSTRY_INDEX: dict[SizeIndustry, int] = {industry: index for index, industry in enumerate(SizeIndustry)}


def size_industry_sql(code_column: str) -> str:
    """SQL for rules/industries.py's mapping of a GB/T 4754-2017 class to the 16 size industries, as their
    INDUSTRY_INDEX (NULL for no code)."""
    exceptions: dict[str, SizeIndustry] = {}
    for code in range(10000):
        text = f"{code:04d}"
        if size_industry(text) != size_industry(text[:2]):
            exceptions[text] = size_industry(text)
    # Consecutive divisions of one industry become one range, so the CASE stays short.
    ranges: list[tuple[int, int, SizeIndustry]] = []
    for division in range(100):
        industry = size_industry(f"{division:02d}")
        if ranges and ranges[-1][2] == industry and ranges[-1][1] == division - 1:
            ranges[-1] = (ranges[-1][0], division, industry)
        else:
            ranges.append((division, division, industry))
    whens = [
        f"WHEN {code_column} = '{code}' THEN {INDUSTRY_INDEX[industry]}"
        for code, industry in sorted(exceptions.items())
    ]
    # A code is two or four digits (checked on input), so as text it sorts with its division: the ranges,
    # ascending from 00, each need only their upper end, a plain text comparison (several times cheaper
    # than converting every code's division to a number).
    whens += [
        f"WHEN {code_column} < '{last + 1:02d}' THEN {INDUSTRY_INDEX[industry]}"
        if last < 99
        else f"ELSE {INDUSTRY_INDEX[industry]}"
        for _, last, industry in ranges
    ]
    return f"(CASE WHEN {code_column} IS NULL THEN NULL {' '.join(whens)} END)"


def industry_name_sql(index_sql: str) -> str:
    """The name of the industry whose INDUSTRY_INDEX `index_sql` holds (NULL for NULL)."""
    whens = " ".join(f"WHEN {index} THEN '{industry}'" for industry, index in INDUSTRY_INDEX.items())
    return f"(CASE {index_sql} {whens} END)"


@dataclass(frozen=True)
class CompiledPacks:
    """The SQL of a set of packs (dependencies first) and the prefix of each pack's columns."""

    packs: tuple[RulePack, ...]
    prefixes: dict[str, str]
    layers: tuple[str, ...]  # SELECT lists, each over the previous layer

    def query(self, source: str, *, final: str = "*") -> str:
        """The whole query over `source` (a table name or a parenthesised SELECT)."""
        sql = f"SELECT * FROM {source}"
        for index, layer in enumerate(self.layers):
            sql = f"SELECT *, {layer} FROM ({sql}) AS l{index}"
        return f"SELECT {final} FROM ({sql}) AS assessed"


class _PackCompiler:
    def __init__(
        self, pack: RulePack, prefix: str, prefixes: dict[str, str], shared: dict[str, SqlNumber | str]
    ) -> None:
        self.pack = pack
        self.p = prefix
        self.prefixes = prefixes
        self.shared = shared  # derived values already computed by an earlier pack, by their SQL
        self.derived: dict[str, SqlNumber | str] = {}
        self.layers: list[list[str]] = []
        self.points: list[str] = []  # stage 2: the points of banded indicators, from their bands

    def col(self, *parts: str) -> str:
        return "__".join((self.p, *parts))

    def resolve(self, name: str) -> SqlNumber | str:
        if name in self.derived:
            return self.derived[name]
        if name in self.pack.parameters:
            # A parameter is a constant of the query: an override compiles a query of its own.
            token = format(self.pack.parameters[name].value, "f")
            return SqlNumber(decimal_literal(token), num_width=literal_width(token))
        field = next(f for f in FIELDS if f.name == name)
        if field.is_numeric:
            return column_number(name)
        return quote(name)

    def compiler(self) -> SqlCompiler:
        return SqlCompiler(self.resolve)

    def zero_of(self, tree: exp.Expression) -> str:
        """OR of the zero flags of every division and derived value the expression reads (for the D4 note)."""
        compiler = self.compiler()
        flags: list[str] = []
        for node in tree.walk():
            if isinstance(node, exp.Div):
                flag = compiler.number(node).zero
            elif isinstance(node, exp.Column) and isinstance(self.derived.get(node.name), SqlNumber):
                flag = self.derived[node.name].zero  # type: ignore[union-attr]
            else:
                continue
            if flag:
                flags.append(flag)
        return "(" + " OR ".join(flags) + ")" if flags else "FALSE"

    def compile(self) -> dict[int, list[str]]:
        """The pack's columns by stage: 0 inputs derived, 1 criteria, 2 points of banded indicators, 3 scores,
        4 composition, 5 outcome.

        Every pack uses the same six stages, so a query over many packs stays six projections deep: DuckDB's
        planning time grows with the depth of nested projections times their width.
        """
        pack = self.pack
        stages: dict[int, list[str]] = {stage: [] for stage in range(STAGES)}
        inline: dict[str, SqlNumber | str] = {}

        def resolve_inline(name: str) -> SqlNumber | str:
            # A derived value read by a later derived value is inlined: both sit in stage 0.
            return inline[name] if name in inline else self.resolve(name)

        inline_compiler = SqlCompiler(resolve_inline)
        for derived in pack.derived:
            name = self.col("d", derived.id)
            if derived.expression.type == ValueType.BOOLEAN:
                sql = inline_compiler.boolean(derived.expression.tree)
                inline[derived.id] = f"({sql})"
                if sql in self.shared:
                    self.derived[derived.id] = self.shared[sql]  # type: ignore[assignment]
                    continue
                stages[0].append(f"{sql} AS {quote(name)}")
                self.derived[derived.id] = self.shared[sql] = quote(name)
                continue
            number = inline_compiler.number(derived.expression.tree)
            inline[derived.id] = number
            # Packs of one family derive the same values (growth, debt ratio…): compute each once.
            key = f"{number.num}\x00{number.den}\x00{number.zero}"
            if key in self.shared:
                self.derived[derived.id] = self.shared[key]
                continue
            stages[0].append(f"{number.num} AS {quote(name + '__n')}")
            if number.den:
                stages[0].append(f"{number.den} AS {quote(name + '__d')}")
            if number.zero:
                stages[0].append(f"{number.zero} AS {quote(name + '__z')}")
            self.derived[derived.id] = self.shared[key] = SqlNumber(
                quote(name + "__n"),
                quote(name + "__d") if number.den else None,
                quote(name + "__z") if number.zero else None,
                number.num_width,
                number.den_width,
            )

        industry_sql = None
        if pack.industries:
            industry_sql = quote(self.col("industry"))
            stages[0].append(f"{size_industry_sql(quote('industry_code'))} AS {industry_sql}")
        for criterion in pack.criteria:
            stage = 4 if isinstance(criterion, Composition) else 1
            stages[stage].extend(self.criterion(criterion, industry_sql))
        stages[2].extend(self.points)
        for stage, columns in self.amounts().items():
            stages.setdefault(stage, []).extend(columns)

        if pack.scored:
            sums: dict[tuple[str, str], str] = {}
            for category in pack.categories:
                members = [c for c in pack.indicators if c.category == category.id]
                low = " + ".join(f"COALESCE({quote(self.col('c', c.id, 'pts'))}, 0)" for c in members)
                high = " + ".join(
                    f"COALESCE({quote(self.col('c', c.id, 'pts'))}, {c.max_points})" for c in members
                )
                sums[(category.id, "min")] = f"CAST({low} AS {POINTS_TYPE})"
                sums[(category.id, "max")] = f"CAST({high} AS {POINTS_TYPE})"
            for bound in ("min", "max"):
                sums[("total", bound)] = (
                    f"CAST({' + '.join(sums[(c.id, bound)] for c in pack.categories)} AS {POINTS_TYPE})"
                )
            summed: dict[tuple[str, str], str] = {}
            for (key, bound), sql in sums.items():
                name = self.col(f"score_{bound}") if key == "total" else self.col("cat", key, bound)
                stages[3].append(f"{sql} AS {quote(name)}")
                summed[(key, bound)] = quote(name)
            # The minimums read the subtotals computed a stage earlier instead of adding the points again.
            for criterion in pack.criteria:
                if not isinstance(criterion, ScoreThreshold):
                    continue
                truths = [
                    f"(CASE WHEN {summed[(key, 'min')]} >= {threshold} THEN TRUE "
                    f"WHEN {summed[(key, 'max')]} < {threshold} THEN FALSE END)"
                    for key, threshold in criterion.score_at_least.items()
                ]
                stages[4].append(f"({' AND '.join(truths)}) AS {quote(self.col('c', criterion.id, 'b'))}")

        def criterion_truth(name: str) -> str:
            return quote(self.col("c", name, "b"))

        outcome_compiler = SqlCompiler(criterion_truth)
        whens = " ".join(
            f"WHEN {outcome_compiler.boolean(o.when.tree)} THEN '{o.value}'" for o in pack.outcomes
        )
        # A pack that others use (the size pack) decides its outcome early, before their composition criteria.
        stage = 3 if not pack.uses else 5
        stages[stage].append(f"(CASE {whens} ELSE '{INSUFFICIENT}' END) AS {quote(self.col('outcome'))}")
        return stages

    def amounts(self) -> dict[int, list[str]]:
        """A calculation pack's amounts: each a numerator and a denominator column, in the stage after the
        amounts it reads (the first amounts read the conditions of stage 1, so they start in stage 2), then
        each written amount rounded half up to the fen in the stage after the last."""
        stages: dict[int, list[str]] = {}
        columns: dict[str, SqlNumber] = {}
        depth: dict[str, int] = {}
        criteria = {c.id for c in self.pack.criteria}

        def resolve(name: str) -> SqlNumber | str:
            if name in columns:
                return columns[name]
            if name in criteria:
                return quote(self.col("c", name, "b"))
            return self.resolve(name)

        compiler = SqlCompiler(resolve)
        for amount in self.pack.amounts:
            stage = 2 + max((depth[n] + 1 for n in amount.expression.names if n in depth), default=0)
            depth[amount.id] = stage - 2
            number = compiler.number(amount.expression.tree)
            # Its zero flag is never true: an amount divides only by a non-zero literal (pack.py).
            n, d = quote(self.col("a", amount.id, "n")), quote(self.col("a", amount.id, "d"))
            stages.setdefault(stage, []).extend([f"{number.num} AS {n}", f"{number.den or '1'} AS {d}"])
            columns[amount.id] = SqlNumber(n, d, None, number.num_width, number.den_width)
        if self.pack.written_amounts:
            last = 2 + max(depth.values()) + 1
            stages[last] = [
                f"{fen_sql(columns[a.id])} AS {quote(self.col('a', a.id, 'fen'))}"
                for a in self.pack.written_amounts
            ]
        return stages

    def criterion(self, criterion: Criterion, industry_sql: str | None) -> list[str]:
        compiler = self.compiler()
        b = quote(self.col("c", criterion.id, "b"))
        match criterion:
            case Unevaluated() | ScoreThreshold():
                return []  # a score threshold is decided once the points are added up
            case DivisionExclusion():
                listed = ", ".join(f"'{d}'" for d in criterion.not_in_divisions)
                code = quote("industry_code")
                return [
                    f"(CASE WHEN {code} IS NULL THEN NULL ELSE SUBSTRING({code}, 1, 2) NOT IN ({listed}) END) AS {b}",
                    f"FALSE AS {quote(self.col('c', criterion.id, 'z'))}",
                ]
            case IndustryKnown():
                assert industry_sql
                return [
                    f"{industry_name_sql(industry_sql)} AS {quote(self.col('c', criterion.id, 'v'))}",
                    f"(CASE WHEN {industry_sql} IS NULL THEN NULL ELSE TRUE END) AS {b}",
                ]
            case IndustryTest():
                assert industry_sql
                whens = " ".join(
                    f"WHEN {INDUSTRY_INDEX[rule.industry]} THEN "
                    f"{compiler.boolean(rule.tests[criterion.industry_test].tree)}"
                    for rule in self.pack.industries
                )
                return [f"(CASE {industry_sql} {whens} END) AS {b}"]
            case Composition(composition_criterion=str(used_id)):
                used = quote(f"{self.prefixes[criterion.composition_pack]}__c__{used_id}__b")
                return [f"{used} AS {b}"]
            case Composition():
                outcome = quote(f"{self.prefixes[criterion.composition_pack]}__outcome")
                listed = ", ".join(f"'{o}'" for o in criterion.composition_outcomes)
                return [
                    f"(CASE WHEN {outcome} = '{INSUFFICIENT}' THEN NULL ELSE {outcome} IN ({listed}) END) AS {b}",
                ]
            case Condition():
                return [
                    f"{compiler.boolean(criterion.test.tree)} AS {b}",
                    f"{self.zero_of(criterion.test.tree)} AS {quote(self.col('c', criterion.id, 'z'))}",
                ]
        assert isinstance(criterion, Indicator)
        return self.indicator(criterion)

    def indicator(self, criterion: Indicator) -> list[str]:
        compiler = self.compiler()
        pts = quote(self.col("c", criterion.id, "pts"))
        band = quote(self.col("c", criterion.id, "band"))
        zero = quote(self.col("c", criterion.id, "z"))
        if criterion.value is not None:
            value = compiler.number(criterion.value.tree)
            ranked = sorted(range(len(criterion.bands)), key=lambda i: -criterion.bands[i].points)
            checks = []
            for index in ranked:
                band_def = criterion.bands[index]
                parts = []
                if band_def.low is not None:
                    parts.append(f"{value.num} >= {_times_den(band_def.low, value.den, value.den_width)}")
                if band_def.high is not None:
                    parts.append(f"{value.num} <= {_times_den(band_def.high, value.den, value.den_width)}")
                checks.append((index, " AND ".join(parts)))
            zero_test = value.zero or "FALSE"
            band_sql = " ".join(f"WHEN {test} THEN {index}" for index, test in checks)
            # The points follow from the band a stage later, so the band tests run once.
            points_sql = " ".join(
                f"WHEN {band} = {index} THEN CAST({item.points} AS {POINTS_TYPE})"
                for index, item in enumerate(criterion.bands)
            )
            self.points.append(f"(CASE WHEN {zero} THEN CAST(0 AS {POINTS_TYPE}) {points_sql} END) AS {pts}")
            return [
                f"{value.num} AS {quote(self.col('c', criterion.id, 'vn'))}",
                f"{value.den or '1'} AS {quote(self.col('c', criterion.id, 'vd'))}",
                f"{zero_test} AS {zero}",
                f"(CASE WHEN {zero_test} THEN NULL WHEN {value.num} IS NULL THEN NULL {band_sql} END) "
                f"AS {band}",
            ]
        if criterion.options:
            band_whens: list[str] = []
            point_whens: list[str] = []
            for index, option in enumerate(criterion.options):
                holds = compiler.boolean(option.when.tree)
                band_whens += [f"WHEN {holds} THEN {index}", f"WHEN ({holds}) IS NULL THEN NULL"]
                point_whens += [
                    f"WHEN {holds} THEN CAST({option.points} AS {POINTS_TYPE})",
                    f"WHEN ({holds}) IS NULL THEN NULL",
                ]
            zero_flags = [self.zero_of(o.when.tree) for o in criterion.options]
            return [
                f"(CASE {' '.join(band_whens)} ELSE NULL END) AS {band}",
                f"(CASE {' '.join(point_whens)} ELSE CAST(0 AS {POINTS_TYPE}) END) AS {pts}",
                f"({' OR '.join(zero_flags)}) AS {zero}",
            ]
        assert criterion.points is not None
        value = compiler.number(criterion.points.tree)
        return [
            f"CAST({value.num} AS {POINTS_TYPE}) AS {pts}",
            f"CAST(NULL AS INTEGER) AS {band}",
            f"FALSE AS {zero}",
        ]


def _times_den(constant: Decimal, den: str | None, den_width: Width) -> str:
    # As narrow as the constant's digits (not DECIMAL(38,s)), so that its product with a narrow denominator
    # stays in 64 bits where it can.
    token = format(constant, "f")
    literal = decimal_literal(token)
    return literal if den is None else times(literal, literal_width(token), den, den_width)[0]


def fen_sql(amount: SqlNumber) -> str:
    """An exact amount (numerator over a positive denominator) rounded half up, away from zero on a tie, to
    the fen, as DECIMAL(38,2), in SQL both engines run alike.

    Neither engine divides decimals exactly (DuckDB goes through DOUBLE), so a double quotient only proposes
    k, the amount in fen, and exact decimal comparisons pick the k among its neighbours for which
    (2k - 1) d <= 200 n < (2k + 1) d (for a negative amount the tie goes the other way).
    """
    num, den = amount.num, amount.den or "1"
    guess = f"CAST(ROUND(CAST({num} AS DOUBLE) * 100 / CAST({den} AS DOUBLE)) AS DECIMAL(38,0))"
    twice = times(num, amount.num_width, "200", (3, 0))[0]

    def fits(k: str) -> str:
        low, high = f"((2 * {k} - 1) * {den})", f"((2 * {k} + 1) * {den})"
        return (
            f"(({num} >= 0 AND {low} <= {twice} AND {twice} < {high}) "
            f"OR ({num} < 0 AND {low} < {twice} AND {twice} <= {high}))"
        )

    candidates = [guess, f"({guess} - 1)", f"({guess} + 1)"]
    whens = " ".join(f"WHEN {fits(k)} THEN {k}" for k in candidates)
    return f"(CASE WHEN {num} IS NULL THEN NULL {whens} END) * CAST('0.01' AS DECIMAL(3,2))"


def compile_packs(packs: list[RulePack]) -> CompiledPacks:
    """Compile packs (each after the packs it uses) into one stack of six projections."""
    prefixes: dict[str, str] = {}
    stages: dict[int, list[str]] = {stage: [] for stage in range(STAGES)}
    shared: dict[str, SqlNumber | str] = {}
    for index, pack in enumerate(packs):
        for used in pack.uses:
            _check_one_level(packs, used)
        prefixes[pack.id] = f"p{index}"
        for stage, columns in _PackCompiler(pack, f"p{index}", prefixes, shared).compile().items():
            stages.setdefault(stage, []).extend(columns)
    layers = tuple(", ".join(columns) for _, columns in sorted(stages.items()) if columns)
    return CompiledPacks(tuple(packs), prefixes, layers)


def _check_one_level(packs: list[RulePack], pack_id: str) -> None:
    """The six stages allow one level of composition: a pack that others use may not use a pack itself."""
    used = next(p for p in packs if p.id == pack_id)
    if used.uses:
        raise ValueError(f"pack {pack_id} is used by another pack and uses {used.uses[0]}: one level only")


def _fraction(value: object) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, float):
        raise AssertionError("the engine never computes in floating point")
    return Fraction(value if isinstance(value, int | Decimal) else Decimal(str(value)))


def result_from_row(pack: RulePack, prefixes: dict[str, str], row: dict[str, object]) -> PackResult:
    """Read one pack's internal columns of one result row back into a PackResult."""
    prefix = prefixes[pack.id]

    def get(*parts: str) -> object:
        return row.get("__".join((prefix, *parts)))

    result = PackResult(pack.id, str(get("outcome")))
    for criterion in pack.criteria:
        if not criterion.evaluated:
            result.criteria[criterion.id] = CriterionResult(status=NOT_EVALUATED)
            continue
        if not isinstance(criterion, Indicator):
            truth = get("c", criterion.id, "b")
            value: object = None
            if isinstance(criterion, IndustryKnown):
                value = get("c", criterion.id, "v")
            elif isinstance(criterion, Composition):
                value = row.get(f"{prefixes[criterion.composition_pack]}__outcome")
            result.criteria[criterion.id] = CriterionResult(
                truth=None if truth is None else bool(truth),
                status=status_of(None if truth is None else bool(truth)),
                value=value,
                zero=bool(get("c", criterion.id, "z") or False),
            )
            continue
        points = _fraction(get("c", criterion.id, "pts"))
        band = get("c", criterion.id, "band")
        zero = bool(get("c", criterion.id, "z") or False)
        value = None
        if criterion.value is not None:
            numerator, denominator = (
                _fraction(get("c", criterion.id, "vn")),
                _fraction(get("c", criterion.id, "vd")),
            )
            if zero:
                value = NOT_COMPUTABLE
            elif numerator is not None and denominator is not None:
                value = numerator / denominator
        elif criterion.points is not None:
            value = points
        result.criteria[criterion.id] = CriterionResult(
            status=indicator_status(points),
            value=value,
            band=None if band is None else int(band),  # type: ignore[call-overload]
            points=points,
            zero=zero,
        )
    for amount in pack.amounts:
        numerator, denominator = _fraction(get("a", amount.id, "n")), _fraction(get("a", amount.id, "d"))
        result.amounts[amount.id] = (
            None if numerator is None or denominator is None else numerator / denominator
        )
    for amount in pack.written_amounts:
        fen = get("a", amount.id, "fen")
        result.written[amount.id] = None if fen is None else Decimal(str(fen)).quantize(Decimal("0.01"))
    if pack.scored:
        for category in pack.categories:
            low, high = _fraction(get("cat", category.id, "min")), _fraction(get("cat", category.id, "max"))
            assert low is not None and high is not None
            result.categories[category.id] = (low, high)
        low, high = _fraction(get("score_min")), _fraction(get("score_max"))
        assert low is not None and high is not None
        result.score_range = (low, high)
    return result
