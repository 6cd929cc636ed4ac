"""A batch of enterprises in a file, for either engine (DuckDB in `assessment`, Spark in `spark`): the formats,
the checks made before any work, the typed-column rules and the result file's columns.

The Spark engine takes these from here rather than from `assessment`, which calls the Spark engine: the two
engines never import each other.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from littlegiant.rules.compiler import POINTS_TYPE, SCALES, CompiledPacks, column_type, compile_packs, quote
from littlegiant.rules.pack import Indicator, RulePack
from littlegiant.rules.records import double_typed_sql, typed_sql
from littlegiant.rules.registry import registry
from littlegiant.rules.schema import FIELDS_BY_NAME, FieldKind

INPUT_FORMATS = (".csv", ".xlsx", ".parquet")
OUTPUT_FORMATS = (".csv", ".parquet", ".jsonl")


class BatchError(ValueError):
    """A batch file that cannot be assessed: bad format, unknown column, bad value (row and column named)."""


def xlsx_to_csv(path: Path, directory: Path) -> Path:
    """XLSX is read row by row (openpyxl read-only) into a CSV that DuckDB then streams."""
    from openpyxl import load_workbook  # here: openpyxl takes a while to import, and only XLSX input needs it

    target = directory / (path.stem + ".csv")
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for values in sheet.iter_rows(values_only=True):
                writer.writerow(["" if v is None else _cell_text(v) for v in values])
    finally:
        workbook.close()
    return target


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value)


def check_columns(path: Path, columns: list[str]) -> None:
    """The file's header: canonical field names only, none twice, and the credit code among them."""
    seen: set[str] = set()
    for index, name in enumerate(columns, start=1):
        if name not in FIELDS_BY_NAME:
            raise BatchError(
                f"{path.name}: column {index} {name!r} is not a canonical field (see rules/schema.py)"
            )
        if name in seen:
            raise BatchError(f"{path.name}: column {name!r} appears twice")
        seen.add(name)
    if "credit_code" not in seen:
        raise BatchError(f"{path.name}: the column credit_code is required")


_INTEGER_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT"}
)


def typed_in_file(name: str, source_type: str) -> bool:
    """True where the file's own column type already guarantees the field's form (a Parquet DECIMAL of no
    more places than the field's scale, an integer, a BOOLEAN): only ranges and signs are left to check,
    and the value is cast directly instead of through text."""
    field = FIELDS_BY_NAME[name]
    if field.kind == FieldKind.BOOLEAN:
        return source_type == "BOOLEAN"
    if not field.is_numeric:
        return False
    if source_type in _INTEGER_TYPES:
        return True
    match = re.fullmatch(r"DECIMAL\((\d+),(\d+)\)", source_type)
    return bool(match) and int(match.group(2)) <= SCALES[field.kind]


def double_in_file(name: str, source_type: str) -> bool:
    """True for a numeric field stored as a binary double (pandas' and Spark's default for money): checked
    and converted in floating-point arithmetic (records.double_bad_sql), never through text."""
    return source_type in ("DOUBLE", "FLOAT") and FIELDS_BY_NAME[name].is_numeric


def typed_column(name: str, source_type: str) -> str:
    """SQL for a checked input column as the compiler's type: a cast for a typed column, exact conversion for
    a double, a cast through trimmed text for the rest."""
    if typed_in_file(name, source_type):
        return f"CAST({quote(name)} AS {column_type(name)})"
    if double_in_file(name, source_type):
        return double_typed_sql(FIELDS_BY_NAME[name], quote(name))
    return typed_sql(FIELDS_BY_NAME[name])


# A criterion's status in the result file. As an ENUM DuckDB writes the three words from a dictionary instead of
# building a string per row and criterion (a five-fold cheaper output at a million rows); readers see text.
STATUS_TYPE = "criterion_status"


STATUS_TYPE_SQL = f"CREATE TYPE {STATUS_TYPE} AS ENUM ('met', 'unmet', 'unknown')"


def output_columns(
    compiled: CompiledPacks, requested: list[RulePack], output_format: str, *, detail: bool = True
) -> list[str]:
    """The SELECT list of the result file: credit_code, then per pack its outcome, score and (with `detail`)
    one column per criterion."""
    single = len(requested) == 1
    columns = [f"{quote('credit_code')} AS {quote('credit_code')}"]

    def named(pack: RulePack, name: str) -> str:
        return quote(name if single else f"{pack.id}.{name}")

    def number(sql: str) -> str:
        if output_format == ".parquet":
            return sql
        if output_format == ".jsonl":
            return f"CAST({sql} AS DOUBLE)"
        return f"regexp_replace(CAST({sql} AS VARCHAR), '\\.?0+$', '')"

    for pack in requested:
        p = compiled.prefixes[pack.id]
        columns.append(f"{quote(p + '__outcome')} AS {named(pack, 'outcome')}")
        if pack.scored:
            low, high = quote(p + "__score_min"), quote(p + "__score_max")
            score = f"(CASE WHEN {low} = {high} THEN {low} END)"
            columns.append(f"{number(score)} AS {named(pack, 'score')}")
        else:
            columns.append(
                f"CAST(NULL AS {POINTS_TYPE if output_format == '.parquet' else 'VARCHAR'}) "
                f"AS {named(pack, 'score')}"
            )
        for amount in pack.written_amounts:
            # Rounded half up to the fen (D12), written with its two places: 1.20, 0.00.
            fen = quote(f"{p}__a__{amount.id}__fen")
            sql = fen if output_format == ".parquet" else f"CAST({fen} AS VARCHAR)"
            columns.append(f"{sql} AS {named(pack, amount.column)}")
        for criterion in pack.criteria if detail else ():
            if isinstance(criterion, Indicator):
                columns.append(
                    f"{number(quote(p + '__c__' + criterion.id + '__pts'))} AS {named(pack, criterion.id)}"
                )
            elif not criterion.evaluated:
                columns.append(f"'not_evaluated' AS {named(pack, criterion.id)}")
            else:
                truth = quote(f"{p}__c__{criterion.id}__b")
                columns.append(
                    f"(CASE WHEN {truth} THEN 'met'::{STATUS_TYPE} WHEN NOT {truth} THEN 'unmet'::{STATUS_TYPE} "
                    f"ELSE 'unknown'::{STATUS_TYPE} END) AS {named(pack, criterion.id)}"
                )
    return columns


def batch_request(
    input_path: str | Path,
    output_path: str | Path,
    pack_ids: Sequence[str],
    parameters: Mapping[str, object] | None = None,
) -> tuple[Path, Path, str, list[RulePack], CompiledPacks]:
    """A batch's files and packs checked before any work, for either engine: (source, target, output format,
    the packs asked for, the compiled packs with their dependencies)."""
    source, target = Path(input_path), Path(output_path)
    output_format = target.suffix.lower()
    if output_format not in OUTPUT_FORMATS:
        raise BatchError(f"{target.name}: output must be .csv, .parquet or .jsonl")
    if source.suffix.lower() not in INPUT_FORMATS:
        raise BatchError(f"{source.name}: input must be .csv, .xlsx or .parquet")
    if not source.exists():
        raise BatchError(f"{source}: no such file")
    if not pack_ids:
        raise BatchError("name at least one pack (--pack)")
    packs = registry.with_dependencies(list(pack_ids), parameters)
    requested = [next(p for p in packs if p.id == pack_id) for pack_id in pack_ids]
    compiled = compile_packs(packs)
    return source, target, output_format, requested, compiled
