"""The 免申即享 list on the batch engine: every enterprise of a records file that meets a policy's conditions.

Reads the canonical Parquet that the screening writes (`assessment.execution.write_filing_records`), cast to the
engine's exact column types by the batch path's own `rules.assessment.typed_column`; the size class comes from
the size pack compiled by `rules.compiler.compile_packs`, the conditions from the engine's `SqlCompiler`
(policies/conditions.py). Titles held, which no filing carries, come from a second small file joined on the
credit code. Knows nothing of Django.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from littlegiant.policies.conditions import (
    SIZE_INPUTS,
    TITLE_INPUTS,
    Condition,
    conditions_sql,
    reads_size,
)
from littlegiant.rules import registry
from littlegiant.rules.assessment import BATCH_MEMORY_LIMIT, BATCH_THREADS
from littlegiant.rules.batch import typed_column
from littlegiant.rules.compiler import column_type, compile_packs, quote
from littlegiant.rules.pack import SIZE_PACK_ID
from littlegiant.rules.schema import FIELDS

# The titles file: credit_code and one boolean per title. The records' digital level is already the one that
# counts (D17: MIIT-entered, else the questionnaire's provisional level; assessment.execution.write_filing_records).
TITLE_COLUMNS = ("title_innovative_sme", "title_srdi_sme", "title_little_giant")
OUTPUT_COLUMNS = ("credit_code", "name", "region_code", "industry_code", "year")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _source(connection: duckdb.DuckDBPyConnection, records: Path, titles: Path | None) -> str:
    reader = f"read_parquet({_literal(records)})"
    types = {row[0]: str(row[1]) for row in connection.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()}
    typed = ", ".join(
        (typed_column(f.name, types[f.name]) if f.name in types else f"CAST(NULL AS {column_type(f.name)})")
        + f" AS {quote(f.name)}"
        for f in FIELDS
    )
    records_sql = f"(SELECT {typed} FROM {reader})"
    if titles is None:
        flags = ", ".join(f"FALSE AS {quote(name)}" for name in TITLE_COLUMNS)
        return f"(SELECT *, {flags} FROM {records_sql}) AS records"
    flags = ", ".join(f"COALESCE(t.{quote(name)}, FALSE) AS {quote(name)}" for name in TITLE_COLUMNS)
    return (
        f"(SELECT r.*, {flags} FROM {records_sql} AS r "
        f"LEFT JOIN read_parquet({_literal(titles)}) AS t ON t.credit_code = r.credit_code) AS records"
    )


def qualifying_query(conditions: Sequence[Condition], source: str, *, final: str) -> str:
    """The SQL selecting `final` of the rows of `source` that meet every condition.

    The size pack's rows are materialised before the filter: pushed down through the projections, the filter
    had DuckDB inline the size pack's whole CASE into it (60x slower)."""
    if not reads_size(conditions):
        return f"SELECT {final} FROM {source} WHERE {conditions_sql(conditions)}"
    compiled = compile_packs([registry.get(SIZE_PACK_ID)])
    outcome = quote(compiled.prefixes[SIZE_PACK_ID] + "__outcome")
    read = sorted(set().union(*(c.expression.names for c in conditions)) - SIZE_INPUTS)
    kept = ", ".join(dict.fromkeys([*(n.strip() for n in final.split(",")), *(quote(n) for n in read)]))
    sized = compiled.query(source, final=f"{kept}, {outcome} AS size_outcome")
    test = conditions_sql(conditions, size_outcome="size_outcome")
    return f"WITH sized AS MATERIALIZED ({sized}) SELECT {final} FROM sized WHERE {test}"


def qualifying_file(
    conditions: Sequence[Condition],
    records: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    titles: str | os.PathLike[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> int:
    """Write the identity of every enterprise of `records` (canonical Parquet) meeting all `conditions` to
    `target` (Parquet), ordered by credit code; returns how many. Unknown or false conditions exclude (D5)."""
    assert set(TITLE_COLUMNS) | {n for n in TITLE_INPUTS if n.startswith("size_")} == set(TITLE_INPUTS)
    connection = duckdb.connect(config={"memory_limit": BATCH_MEMORY_LIMIT, "threads": BATCH_THREADS})
    try:
        source = _source(connection, Path(records), None if titles is None else Path(titles))
        final = ", ".join(quote(name) for name in OUTPUT_COLUMNS)
        query = qualifying_query(conditions, source, final=final) + " ORDER BY credit_code"
        row = connection.execute(
            f"COPY ({query}) TO {_literal(Path(target))} (FORMAT parquet, COMPRESSION zstd)"
        ).fetchone()
    finally:
        connection.close()
    if progress is not None:
        progress(1.0)
    return int(row[0]) if row else 0
