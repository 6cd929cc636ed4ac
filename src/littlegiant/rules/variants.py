"""Policy what-if (政策模拟): a pack's numbers as addressable items, a variant pack with some of them changed, and
the comparison of two packs over the same file.

`pack_numbers(pack)` lists every number an official may change — a condition's thresholds, band edges and
points, an option's points and thresholds, a route's score minimum, a category minimum, the size thresholds of
an industry — each with a stable key, the clause it sits in and a label in both languages. `make_variant`
applies a set of changes to the pack's own data (the YAML with its shared fragments written in) and builds the
result with `pack.build_pack`, so a variant is checked exactly like a pack on disk: bands that leave a gap or
overlap are refused with the key of the number that broke them. A variant applies to no application (its
`applies` is empty): it can never decide a live title.

`compare_file` runs the base pack and the variant (or any second pack: 2022 against 2026) in one compiled
query over one Parquet file and writes each enterprise whose outcome moved, with the criteria that moved it.

Knows nothing of Django. A calculation pack's parameters join as one more kind of number: `_numbers_of_data`
yields `parameter.<name>` items from the pack data's `parameters` mapping and `_apply` writes them back; see
`AMOUNT_HOOK`.
"""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from littlegiant.rules.compiler import column_type, compile_packs, quote
from littlegiant.rules.expressions import PackError
from littlegiant.rules.industries import SIZE_INDUSTRY_NAMES_ZH, SizeIndustry
from littlegiant.rules.pack import (
    SIZE_PACK_ID,
    Criterion,
    Indicator,
    RulePack,
    build_pack,
    expanded_pack_data,
    read_pack_file,
)
from littlegiant.rules.registry import Registry, registry
from littlegiant.rules.schema import FIELDS, FIELDS_BY_NAME
from littlegiant.rules.spark import _write, spark_session
from littlegiant.rules.spark_sql import to_spark

# The outcomes that count as "holding the outcome" a scenario gains or loses: a title, or being an SME.
HOLDING: dict[str, frozenset[str]] = {
    "tier": frozenset({"qualified"}),
    "size": frozenset({"medium", "small", "micro"}),
    # A calculation pack (the R&D super-deduction): eligible for the deduction.
    "calculation": frozenset({"eligible"}),
}
GAIN, LOSS, SHIFT = "gain", "loss", "shift"
_COMPARISONS = (exp.GT, exp.GTE, exp.LT, exp.LTE, exp.EQ, exp.NEQ)


class VariantError(PackError):
    """A change that cannot be applied, or a variant that does not validate; `key` names the number."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.detail = message


@dataclass(frozen=True)
class PackNumber:
    """One number of a pack that a scenario may change."""

    key: str  # e.g. "criterion.revenue_condition.test.1", "criterion.main_share.band.2.from"
    kind: str  # threshold | band_from | band_to | band_points | option_points | score_minimum | category_minimum
    clause: str
    label_zh: str
    label_en: str
    value: Decimal | None  # None: an open band edge (unbounded)
    criterion: str = ""


# ----------------------------------------------------------------------------------------------------
# Enumerating


def pack_data(pack: RulePack) -> dict[str, Any]:
    """The pack's own data with its shared fragments written in (a variant edits this and rebuilds)."""
    if pack.path is None:
        raise PackError(f"pack {pack.id}: has no file to copy")
    data = expanded_pack_data(read_pack_file(pack.path))
    kept = {item.id for item in pack.derived}
    data["derived"] = [d for d in data.get("derived") or () if str(d.get("id")) in kept]
    return data


def _literals(text: object) -> list[exp.Literal]:
    """The numeric literals compared in an expression, in reading order: its thresholds."""
    return _parsed(text)[1]


def _parsed(text: object) -> tuple[exp.Expression | None, list[exp.Literal]]:
    if not isinstance(text, str):
        return None, []
    tree = sqlglot.parse_one(text, read="duckdb")
    found = []
    for node in tree.walk():
        if isinstance(node, _COMPARISONS):
            for side in (node.left, node.right):
                if isinstance(side, exp.Literal) and side.is_number:
                    found.append(side)
    return tree, found


def _compared(literal: exp.Literal) -> str:
    """The name a threshold is compared with (for its label)."""
    parent = literal.parent
    other = parent.left if parent is not None and parent.right is literal else getattr(parent, "right", None)
    return other.name if isinstance(other, exp.Column) else ""


_DERIVED_LABELS: dict[str, tuple[str, str]] = {}
# The three tests of an industry's size thresholds (工信部联企业〔2011〕300号 第四条).
_SIZE_TESTS = {
    "sme": ("中小微型企业上限", "SME ceiling"),
    "medium": ("中型企业下限", "medium-enterprise floor"),
    "small": ("小型企业下限", "small-enterprise floor"),
}


def _field_label(name: str, zh: bool) -> str:
    field = FIELDS_BY_NAME.get(name)
    if field is None:
        label = _DERIVED_LABELS.get(name)
        return name if label is None else label[0 if zh else 1]
    return field.label_zh if zh else field.label_en


def _threshold_items(
    prefix: str, text: object, clause: str, zh: str, en: str, cid: str
) -> Iterator[PackNumber]:
    for index, literal in enumerate(_literals(text), start=1):
        name = _compared(literal)
        operator = literal.parent.key if literal.parent is not None else ""
        symbol = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "eq": "=", "neq": "≠"}.get(operator, "")
        yield PackNumber(
            key=f"{prefix}.{index}",
            kind="threshold",
            clause=clause,
            label_zh=f"{zh}：{_field_label(name, True)} {symbol}".strip(),
            label_en=f"{en}: {_field_label(name, False)} {symbol}".strip(),
            value=Decimal(literal.this),
            criterion=cid,
        )


def _number(value: object) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(value) if isinstance(value, float) else str(value))


def _numbers_of_data(data: Mapping[str, Any]) -> Iterator[PackNumber]:
    for derived in data.get("derived") or ():
        _DERIVED_LABELS.setdefault(
            str(derived.get("id")), (str(derived.get("label_zh")), str(derived.get("label_en")))
        )
    categories = {
        str(c.get("id")): (str(c.get("label_zh")), str(c.get("label_en")).lower() + " score")
        for c in data.get("categories") or ()
    }
    for item in data.get("criteria") or ():
        cid, clause = str(item.get("id")), str(item.get("clause") or "")
        zh, en = str(item.get("label_zh") or cid), str(item.get("label_en") or cid)
        if item.get("evaluated", True) is False:
            continue
        yield from _threshold_items(f"criterion.{cid}.test", item.get("test"), clause, zh, en, cid)
        for index, band in enumerate(item.get("bands") or (), start=1):
            label = str(band.get("label"))
            for edge, kind, word_zh, word_en in (
                ("from", "band_from", "下限", "from"),
                ("to", "band_to", "上限", "to"),
                ("points", "band_points", "得分", "points"),
            ):
                if edge != "points" and band.get(edge) is None:
                    continue  # an open edge stays open: the lowest and highest bands are unbounded
                yield PackNumber(
                    f"criterion.{cid}.band.{index}.{edge}", kind, clause,
                    f"{zh}：{label} {word_zh}", f"{en}: {label} {word_en}", _number(band.get(edge)), cid,
                )  # fmt: skip
        for index, option in enumerate(item.get("options") or (), start=1):
            label = str(option.get("label"))
            yield PackNumber(
                f"criterion.{cid}.option.{index}.points", "option_points", clause,
                f"{zh}：{label} 得分", f"{en}: {label} points", _number(option.get("points")), cid,
            )  # fmt: skip
            yield from _threshold_items(
                f"criterion.{cid}.option.{index}.when", option.get("when"), clause,
                f"{zh}：{label}", f"{en}: {label}", cid,
            )  # fmt: skip
        for key, minimum in (item.get("score_at_least") or {}).items():
            score_zh, score_en = categories.get(str(key), ("总分", "total score"))
            yield PackNumber(
                f"criterion.{cid}.score_at_least.{key}", "score_minimum", clause,
                f"{zh}：{score_zh}最低分", f"{en}: minimum {score_en}", _number(minimum), cid,
            )  # fmt: skip
    # A calculation pack's parameters (the `calc` branch: a list of {id, value, clause, label_zh, label_en});
    # build_pack checks their minimum and maximum when the variant is built.
    for item in data.get("parameters") or ():
        pid = str(item.get("id"))
        yield PackNumber(
            f"parameter.{pid}", "parameter", str(item.get("clause") or ""),
            str(item.get("label_zh") or pid), str(item.get("label_en") or pid), _number(item.get("value")),
        )  # fmt: skip
    for item in data.get("categories") or ():
        if item.get("minimum") is not None:
            cat = str(item.get("id"))
            yield PackNumber(
                f"category.{cat}.minimum", "category_minimum", "",
                f"{item.get('label_zh')}：最低分", f"{item.get('label_en')}: minimum score",
                _number(item.get("minimum")),
            )  # fmt: skip
    for item in data.get("industries") or ():
        name = str(item.get("industry"))
        try:
            zh = SIZE_INDUSTRY_NAMES_ZH[SizeIndustry(name)]
        except ValueError:
            zh = name
        en = name.replace("_", " ").capitalize()
        for test in ("sme", "medium", "small"):
            test_zh, test_en = _SIZE_TESTS[test]
            yield from _threshold_items(
                f"industry.{name}.{test}", item.get(test), str(item.get("clause") or ""),
                f"{zh}：{test_zh}", f"{en}: {test_en}", "",
            )  # fmt: skip


def pack_numbers(pack: RulePack) -> list[PackNumber]:
    """Every number of the pack a scenario may change, in the pack's order."""
    return pack.prepared(("variant-numbers",), lambda: list(_numbers_of_data(pack_data(pack))))


# ----------------------------------------------------------------------------------------------------
# Changing


def _parse(key: str, value: object) -> Decimal:
    """A plain decimal (digits, one point, a sign): exponent notation and over-long text are refused before
    any arithmetic, as littlegiant.numbers does for typed numbers."""
    text = str(value).strip().replace(",", "")
    if not text or len(text) > 32 or any(char not in "0123456789.-+" for char in text):
        raise VariantError(key, f"{value!r} is not a plain decimal number")
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        raise VariantError(key, f"{value!r} is not a plain decimal number") from None


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _replace_literal(text: str, index: int, number: Decimal, key: str) -> str:
    tree, literals = _parsed(text)
    if tree is None or not 1 <= index <= len(literals):
        raise VariantError(key, "no such threshold")
    literals[index - 1].replace(exp.Literal.number(_plain(number)))
    return tree.sql(dialect="duckdb")


def _apply(data: dict[str, Any], key: str, number: Decimal) -> None:  # noqa: C901 - one branch per kind
    parts = key.split(".")
    if parts[0] == "parameter" and len(parts) == 2:
        for item in data.get("parameters") or ():
            if str(item.get("id")) == parts[1]:
                item["value"] = _plain(number)
                return
        raise VariantError(key, "no such number in this pack")
    if parts[0] == "category" and len(parts) == 3 and parts[2] == "minimum":
        for item in data.get("categories") or ():
            if str(item.get("id")) == parts[1] and item.get("minimum") is not None:
                item["minimum"] = _plain(number)
                return
        raise VariantError(key, "no such number in this pack")
    if parts[0] == "industry" and len(parts) == 4:
        for item in data.get("industries") or ():
            if str(item.get("industry")) == parts[1] and parts[2] in ("sme", "medium", "small"):
                item[parts[2]] = _replace_literal(str(item.get(parts[2])), _index(key, parts[3]), number, key)
                return
        raise VariantError(key, "no such number in this pack")
    if parts[0] != "criterion" or len(parts) < 4:
        raise VariantError(key, "no such number in this pack")
    item = next((c for c in data.get("criteria") or () if str(c.get("id")) == parts[1]), None)
    if item is None:
        raise VariantError(key, "no such criterion in this pack")
    what = parts[2]
    if what == "test" and len(parts) == 4:
        item["test"] = _replace_literal(str(item.get("test")), _index(key, parts[3]), number, key)
    elif what == "band" and len(parts) == 5 and parts[4] in ("from", "to", "points"):
        bands = item.get("bands") or []
        band = _at(bands, parts[3], key)
        if parts[4] != "points" and band.get(parts[4]) is None:
            raise VariantError(key, "an open band edge stays open")
        band[parts[4]] = _plain(number)
    elif what == "option" and len(parts) >= 5:
        option = _at(item.get("options") or [], parts[3], key)
        if parts[4] == "points" and len(parts) == 5:
            option["points"] = _plain(number)
        elif parts[4] == "when" and len(parts) == 6:
            option["when"] = _replace_literal(str(option.get("when")), _index(key, parts[5]), number, key)
        else:
            raise VariantError(key, "no such number in this pack")
    elif what == "score_at_least" and len(parts) == 4 and parts[3] in (item.get("score_at_least") or {}):
        item["score_at_least"][parts[3]] = _plain(number)
    else:
        raise VariantError(key, "no such number in this pack")


def _index(key: str, text: str) -> int:
    if not text.isdigit() or len(text) > 4:
        raise VariantError(key, "no such number in this pack")
    return int(text)


def _at(items: list[Any], text: str, key: str) -> dict[str, Any]:
    index = _index(key, text)
    if not 1 <= index <= len(items):
        raise VariantError(key, "no such number in this pack")
    items[index - 1] = dict(items[index - 1])
    return items[index - 1]


def _key_of_error(message: str, changes: Mapping[str, object]) -> str:
    """The changed number a pack error is about: the first changed key whose criterion the message names."""
    for key in changes:
        parts = key.split(".")
        if any(f"{word} {parts[1]}" in message for word in ("criterion", "category", "parameter")):
            return key
    return next(iter(changes), "pack")


def make_variant(
    pack: RulePack,
    changes: Mapping[str, object],
    *,
    variant_id: str | None = None,
    packs: Registry = registry,
) -> RulePack:
    """The pack with these numbers changed (key -> new value), checked like any pack; VariantError names the
    key of a change that cannot be made or that breaks the pack (bands with a gap or an overlap)."""
    known = {number.key for number in pack_numbers(pack)}
    data = copy.deepcopy(pack_data(pack))
    for key, value in changes.items():
        if key not in known:
            raise VariantError(key, "no such number in this pack")
        _apply(data, key, _parse(key, value))
    data["id"] = variant_id or f"{pack.id}.variant"
    data["applies"] = {}  # a variant decides no application (D11 resolves only packs on disk)
    try:
        return build_pack(data, dict(packs.packs))
    except PackError as error:
        if isinstance(error, VariantError):
            raise
        message = str(error)
        raise VariantError(_key_of_error(message, changes), message) from None


# ----------------------------------------------------------------------------------------------------
# Comparing


def holding(pack: RulePack) -> frozenset[str]:
    """The outcomes that count as holding the pack's outcome (a title; or being an SME for the size pack)."""
    if pack.industries:
        return HOLDING["size"]
    return HOLDING["calculation"] if pack.is_calculation else HOLDING["tier"]


# The change in the total amount of a calculation pack: the SQL of the pack's total — its last written amount,
# in fen — in the compiled query, or None for a pack without amounts. compare_file sums variant minus base
# when both packs have one.
def AMOUNT_HOOK(pack: RulePack, prefix: str) -> str | None:  # noqa: N802 - a named hook, found by grep
    """The SQL of a pack's total amount in the compiled query, or None when the pack carries no amount."""
    amounts = pack.written_amounts
    if not amounts:
        return None
    return quote(f"{prefix}__a__{amounts[-1].id}__fen")


@dataclass(frozen=True)
class Comparison:
    """What a comparison found: counts by (base outcome, variant outcome), rows and movers written."""

    rows: int
    movers: int
    transitions: dict[tuple[str, str], int]
    amount_change: Decimal | None = None


def _packs_for(base: RulePack, variant: RulePack, packs: Registry) -> list[RulePack]:
    ordered: list[RulePack] = []
    for pack_id in (SIZE_PACK_ID, *base.uses, *variant.uses):
        for dependency in packs.with_dependencies([pack_id]):
            if dependency.id not in {p.id for p in ordered} and dependency.id not in (base.id, variant.id):
                ordered.append(dependency)
    return [*ordered, base, variant]


def _status(prefix: str, criterion: Criterion) -> str:
    if isinstance(criterion, Indicator):
        return quote(f"{prefix}__c__{criterion.id}__pts")
    return quote(f"{prefix}__c__{criterion.id}__b")


def _moved_by_sql(base: RulePack, variant: RulePack, pb: str, pv: str, direction: str) -> str:
    """A list of the criteria whose result differs between the packs (or that only one pack has and that
    fails the side without the outcome)."""
    parts: list[str] = []
    base_criteria = {c.id: c for c in base.criteria if c.evaluated}
    for criterion in variant.criteria:
        if not criterion.evaluated:
            continue
        other = base_criteria.get(criterion.id)
        mine = _status(pv, criterion)
        if other is not None and other.is_boolean == criterion.is_boolean:
            theirs = _status(pb, other)
            parts.append(f"CASE WHEN {mine} IS DISTINCT FROM {theirs} THEN '{criterion.id}' END")
        elif criterion.is_boolean:
            parts.append(f"CASE WHEN {direction} = '{LOSS}' AND {mine} IS NOT TRUE THEN '{criterion.id}' END")
    variant_ids = {c.id for c in variant.criteria}
    for criterion in base.criteria:
        if criterion.evaluated and criterion.is_boolean and criterion.id not in variant_ids:
            theirs = _status(pb, criterion)
            parts.append(
                f"CASE WHEN {direction} = '{GAIN}' AND {theirs} IS NOT TRUE THEN '{criterion.id}' END"
            )
    if not parts:
        return "CAST([] AS VARCHAR[])"
    return f"list_filter([{', '.join(parts)}], lambda x: x IS NOT NULL)"


@dataclass(frozen=True)
class _ComparisonQuery:
    """The one query of a comparison over a relation named `records`, in DuckDB's dialect."""

    sql: str
    amounts: bool  # whether both packs carry an amount (base_amount, variant_amount columns)


def _comparison_query(base: RulePack, variant: RulePack, packs: Registry, relation: str) -> _ComparisonQuery:
    """Both packs (with the size pack and their dependencies) over `relation`, one row per enterprise: its
    outcomes, the direction of its move and the criteria that moved it. Shared by the DuckDB and Spark runs."""
    if base.id == variant.id:
        raise PackError(f"pack {base.id}: a comparison needs two different packs (a variant has its own id)")
    compiled = compile_packs(_packs_for(base, variant, packs))
    pb, pv, ps = compiled.prefixes[base.id], compiled.prefixes[variant.id], compiled.prefixes[SIZE_PACK_ID]
    goal_b = ", ".join(f"'{o}'" for o in holding(base))
    goal_v = ", ".join(f"'{o}'" for o in holding(variant))
    out_b = f"coalesce({quote(pb + '__outcome')}, 'insufficient_data')"
    out_v = f"coalesce({quote(pv + '__outcome')}, 'insufficient_data')"
    direction = (
        f"(CASE WHEN {out_v} IN ({goal_v}) AND {out_b} NOT IN ({goal_b}) THEN '{GAIN}' "
        f"WHEN {out_b} IN ({goal_b}) AND {out_v} NOT IN ({goal_v}) THEN '{LOSS}' ELSE '{SHIFT}' END)"
    )
    amount_b, amount_v = AMOUNT_HOOK(base, pb), AMOUNT_HOOK(variant, pv)
    amounts = amount_b is not None and amount_v is not None
    final = (
        f"credit_code, region_code, industry_code, {quote(ps + '__outcome')} AS size_class, "
        f"{out_b} AS base_outcome, {out_v} AS variant_outcome"
        + (f", {amount_b} AS base_amount, {amount_v} AS variant_amount" if amounts else "")
    )
    moved = _moved_by_sql(base, variant, pb, pv, direction)
    # IS DISTINCT FROM rather than <>: both sides are never NULL here, and Spark's exact comparisons
    # (spark_sql.to_spark) rewrite only <>, =, <, > between numbers.
    return _ComparisonQuery(
        compiled.query(
            relation,
            final=f"{final}, {direction} AS direction, "
            f"(CASE WHEN {out_b} IS DISTINCT FROM {out_v} THEN {moved} END) AS moved_by",
        ),
        amounts,
    )


def _typed_columns(present: set[str]) -> str:
    """Every canonical column, cast to its type (NULL when the file lacks it)."""
    return ", ".join(
        (
            f"CAST({quote(f.name)} AS {column_type(f.name)})"
            if f.name in present
            else f"CAST(NULL AS {column_type(f.name)})"
        )
        + f" AS {quote(f.name)}"
        for f in FIELDS
    )


def compare_file(
    records: str | os.PathLike[str],
    output: str | os.PathLike[str],
    base: RulePack,
    variant: RulePack,
    *,
    packs: Registry = registry,
    threads: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> Comparison:
    """Assess `records` (a Parquet file of canonical columns, as the screening export writes it) under both
    packs in one query; write to `output` (Parquet) every enterprise whose outcome moved: credit_code,
    region_code, industry_code, size_class, base_outcome, variant_outcome, direction, moved_by."""
    if base.id == variant.id:
        raise PackError(f"pack {base.id}: a comparison needs two different packs (a variant has its own id)")
    source = "'" + str(records).replace("'", "''") + "'"
    target = "'" + str(output).replace("'", "''") + "'"
    with tempfile.TemporaryDirectory(prefix="littlegiant-whatif-") as scratch:
        connection = duckdb.connect(
            config={
                "threads": threads
                or int(os.environ.get("LITTLEGIANT_DUCKDB_THREADS", str(os.cpu_count() or 2))),
                "memory_limit": os.environ.get("LITTLEGIANT_DUCKDB_MEMORY", "3GB"),
                "temp_directory": str(Path(scratch) / "spill"),
            }
        )
        try:
            present = {
                row[0]
                for row in connection.execute(f"DESCRIBE SELECT * FROM read_parquet({source})").fetchall()
            }
            relation = f"(SELECT {_typed_columns(present)} FROM read_parquet({source})) AS records"
            query = _comparison_query(base, variant, packs, relation)
            # One pass: every row's outcomes (and, for a mover, the criteria that moved it) into a temporary
            # table; the counts and the movers' file are read from it.
            connection.execute(f"CREATE TEMP TABLE assessed AS {query.sql}")
            if progress is not None:
                progress(0.9)
            transitions = {
                (str(b), str(v)): int(n)
                for b, v, n in connection.execute(
                    "SELECT base_outcome, variant_outcome, count(*) FROM assessed GROUP BY 1, 2"
                ).fetchall()
            }
            amount_change = None
            if query.amounts:
                total = connection.execute(
                    "SELECT coalesce(sum(variant_amount), 0) - coalesce(sum(base_amount), 0) FROM assessed"
                ).fetchone()
                amount_change = Decimal(str(total[0])) if total else None
            columns = "* EXCLUDE (base_amount, variant_amount)" if query.amounts else "*"
            connection.execute(
                f"COPY (SELECT {columns} FROM assessed WHERE base_outcome <> variant_outcome "
                f"ORDER BY credit_code) TO {target} (FORMAT parquet, COMPRESSION zstd)"
            )
        finally:
            connection.close()
    if progress is not None:
        progress(1.0)
    return _comparison(transitions, amount_change)


def _comparison(transitions: dict[tuple[str, str], int], amount_change: Decimal | None) -> Comparison:
    rows = sum(transitions.values())
    movers = sum(n for (b, v), n in transitions.items() if b != v)
    return Comparison(rows=rows, movers=movers, transitions=transitions, amount_change=amount_change)


MOVER_COLUMNS = ("credit_code", "region_code", "industry_code", "size_class", "base_outcome", "variant_outcome",
                 "direction", "moved_by")  # fmt: skip


def compare_file_on_spark(
    records: str | os.PathLike[str],
    output: str | os.PathLike[str],
    base: RulePack,
    variant: RulePack,
    *,
    packs: Registry = registry,
    session: Any = None,
    progress: Callable[[float], None] | None = None,
) -> Comparison:
    """compare_file on Spark: the same one query in Spark's dialect (rules.spark_sql), the same counts and the
    same movers' file (one Parquet file, ordered by credit code), for records that live in a data lake."""
    if base.id == variant.id:
        raise PackError(f"pack {base.id}: a comparison needs two different packs (a variant has its own id)")
    session = session or spark_session()
    frame = session.read.parquet(str(Path(records).resolve()))
    view = "littlegiant_whatif_records"
    frame.createOrReplaceTempView(view)
    relation = f"(SELECT {_typed_columns(set(frame.columns))} FROM {view}) AS records"
    query = _comparison_query(base, variant, packs, relation)
    assessed = session.sql(to_spark(query.sql, exact_comparisons=True)).persist()
    try:
        transitions = {
            (str(row[0]), str(row[1])): int(row[2])
            for row in assessed.groupBy("base_outcome", "variant_outcome").count().collect()
        }
        if progress is not None:
            progress(0.9)
        amount_change = None
        if query.amounts:
            total = assessed.selectExpr(
                "coalesce(sum(variant_amount), 0) - coalesce(sum(base_amount), 0) AS change"
            ).collect()[0][0]
            amount_change = Decimal(str(total))
        movers = (
            assessed.where("base_outcome <> variant_outcome")
            .select(*MOVER_COLUMNS)
            .orderBy("credit_code")
            .coalesce(1)  # one ordered part: the file lists the movers by credit code, as DuckDB's does
        )
        target = Path(output)
        if not _write(movers, target, ".parquet"):
            _empty_movers(target)
    finally:
        assessed.unpersist()
    if progress is not None:
        progress(1.0)
    return _comparison(transitions, amount_change)


def _empty_movers(target: Path) -> None:
    """A valid Parquet file with the movers' columns and no row (Spark writes no part file for nothing)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = pa.string()
    schema = pa.schema([*((name, text) for name in MOVER_COLUMNS[:-1]), ("moved_by", pa.list_(text))])
    pq.write_table(schema.empty_table(), target)
