"""Assessing enterprises against rule packs: one record in a few milliseconds, or a whole file streamed by
DuckDB.

Both go through the same compiled SQL. One record runs over a one-row relation on a warm in-process
connection, with the compiled query cached per set of packs; a file is read by DuckDB directly (read_csv /
read_parquet with every column as text), checked in SQL (the first bad row and column are named, nothing is
written), and the results are copied to the output, written to a temporary file and renamed at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from littlegiant.rules.batch import (
    STATUS_TYPE_SQL,
    BatchError,
    batch_request,
    check_columns,
    double_in_file,
    output_columns,
    typed_column,
    typed_in_file,
    xlsx_to_csv,
)
from littlegiant.rules.compiler import (
    CompiledPacks,
    column_type,
    compile_packs,
    quote,
    result_from_row,
)
from littlegiant.rules.evaluation import PackResult, evaluate_pack
from littlegiant.rules.explanation import explain
from littlegiant.rules.pack import RulePack
from littlegiant.rules.records import (
    InputError,
    bad_sql,
    coerce_record,
    coerce_value,
    credit_codes_valid,
    double_bad_sql,
    text_sql,
    typed_bad_sql,
    valid_credit_code_fingerprints,
)
from littlegiant.rules.registry import registry
from littlegiant.rules.schema import COLUMN_NAMES, FIELDS, FIELDS_BY_NAME
from littlegiant.rules.spark import assess_file_on_spark, evaluate_records_on_spark

# Bounded memory for ten million rows on a small machine; DuckDB spills to disk beyond it.
BATCH_MEMORY_LIMIT = os.environ.get("LITTLEGIANT_DUCKDB_MEMORY", "3GB")
BATCH_THREADS = int(os.environ.get("LITTLEGIANT_DUCKDB_THREADS", str(os.cpu_count() or 2)))
EXPLAIN_BATCH_ROWS = 2048
CREDIT_CODE_BATCH_ROWS = 1_000_000

Progress = Callable[[float], None]


# ----------------------------------------------------------------------------------------------------
# One record


class _WarmEngine:
    """One in-process DuckDB connection and the compiled SQL per set of packs, kept warm between calls."""

    def __init__(self) -> None:
        self.connection = duckdb.connect(config={"threads": 1})
        self.lock = threading.Lock()
        self.queries: dict[tuple[object, ...], tuple[CompiledPacks, str]] = {}
        self.source = "(SELECT " + ", ".join(
            f"CAST(? AS {column_type(f.name)}) AS {quote(f.name)}" for f in FIELDS
        )
        self.source += ") AS record"

    def query_for(
        self, pack_ids: tuple[str, ...], parameters: Mapping[str, object] | None = None
    ) -> tuple[CompiledPacks, str]:
        key = (pack_ids, tuple(sorted((k, str(v)) for k, v in (parameters or {}).items())))
        if key not in self.queries:
            compiled = compile_packs(registry.with_dependencies(list(pack_ids), parameters))
            self.queries[key] = (compiled, compiled.query(self.source))
        return self.queries[key]

    def run(
        self,
        pack_ids: tuple[str, ...],
        record: Mapping[str, object],
        parameters: Mapping[str, object] | None = None,
    ) -> tuple[CompiledPacks, dict[str, Any]]:
        compiled, sql = self.query_for(pack_ids, parameters)
        parameters = [record.get(f.name) for f in FIELDS]
        with self.lock:
            cursor = self.connection.execute(sql, parameters)
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
        assert row is not None
        return compiled, dict(zip(names, row, strict=True))


@lru_cache(maxsize=1)
def _engine() -> _WarmEngine:
    return _WarmEngine()


def assess_record(
    record: Mapping[str, object],
    pack_ids: Sequence[str],
    *,
    evaluation_date: dt.date | None = None,
    engine: str = "python",
    parameters: Mapping[str, object] | None = None,
) -> dict[str, dict]:
    """Assess one enterprise against these packs: pack id -> explanation document, dependencies included.

    `record` uses the canonical field names (rules/schema.py); None or a missing key is unknown (decision
    D5). engine "python" evaluates the packs with the exact reference evaluator (a few milliseconds); "sql"
    runs the compiled SQL on the warm DuckDB connection (what batch files use; DuckDB's planning makes it
    ~100x slower for one row). The property test holds both to the same answers. Raises InputError naming
    the field for a bad value, PackNotFound for an unknown pack id. `parameters` override the parameters of
    the packs asked for (`{"rate": "1.2"}`; ParameterError names an unknown one or a bad value).
    """
    typed = coerce_record(record)
    ids = tuple(pack_ids)
    packs = registry.with_dependencies(list(ids), parameters)
    evaluated_on = evaluation_date or dt.date.today()
    if engine == "sql":
        compiled, row = _engine().run(ids, typed, parameters)
        prefixes = compiled.prefixes
        return _documents(
            compiled.packs, lambda pack, _: result_from_row(pack, prefixes, row), typed, evaluated_on
        )
    if engine != "python":
        raise ValueError(f"engine must be python or sql, not {engine!r}")
    return _documents(tuple(packs), lambda pack, deps: evaluate_pack(pack, typed, deps), typed, evaluated_on)


def _documents(
    packs: Sequence[RulePack],
    result_of: Callable[[RulePack, dict[str, PackResult]], PackResult],
    record: Mapping[str, object],
    evaluated_on: dt.date,
) -> dict[str, dict]:
    results: dict[str, PackResult] = {}
    documents: dict[str, dict] = {}
    for pack in packs:
        dependencies = {used: results[used] for used in pack.uses}
        result = result_of(pack, dependencies)
        results[pack.id] = result
        documents[pack.id] = explain(
            pack,
            result,
            record,
            evaluated_on=evaluated_on,
            dependencies=dependencies,
            dependency_documents={used: documents[used] for used in pack.uses},
        )
    return documents


def evaluate_records(
    records: Sequence[Mapping[str, object]],
    pack_ids: Sequence[str],
    *,
    engine: str = "sql",
    parameters: Mapping[str, object] | None = None,
) -> list[dict[str, PackResult]]:
    """Evaluate many in-memory records at once: pack id -> PackResult per record, dependencies included.

    engine "sql" runs the compiled SQL once over all the records (an Arrow table) in DuckDB, "spark" the same
    SQL on Spark (rules/spark.py), "python" the reference evaluator.
    """
    packs = registry.with_dependencies(list(pack_ids), parameters)
    typed = [coerce_record(record) for record in records]
    if engine == "spark":
        return evaluate_records_on_spark(records, pack_ids, parameters=parameters)
    if engine == "python":
        results: list[dict[str, PackResult]] = []
        for record in typed:
            by_pack: dict[str, PackResult] = {}
            for pack in packs:
                by_pack[pack.id] = evaluate_pack(pack, record, {u: by_pack[u] for u in pack.uses})
            results.append(by_pack)
        return results
    import pyarrow as pa

    compiled = compile_packs(packs)
    columns = {
        field.name: pa.array(
            [None if r[field.name] is None else str(r[field.name]) for r in typed], pa.string()
        )
        for field in FIELDS
    }
    columns["__position"] = pa.array(range(len(typed)), pa.int64())
    connection = duckdb.connect(config={"threads": 1})
    try:
        connection.register("records_table", pa.table(columns))
        cast = ", ".join(f"CAST({quote(f.name)} AS {column_type(f.name)}) AS {quote(f.name)}" for f in FIELDS)
        source = f"(SELECT {cast}, __position FROM records_table) AS records"
        cursor = connection.execute(compiled.query(source) + " ORDER BY __position")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.close()
    return [{pack.id: result_from_row(pack, compiled.prefixes, row) for pack in packs} for row in rows]


# ----------------------------------------------------------------------------------------------------
# A whole file


def _columns_of(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
        if not header:
            raise BatchError(
                f"{path.name}: the file is empty (a header row of canonical field names is needed)"
            )
        return [name.strip() for name in header]
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    raise BatchError(f"{path.name}: input must be .csv, .xlsx or .parquet")


def _reader(path: Path, columns: list[str]) -> str:
    literal = "'" + str(path).replace("'", "''") + "'"
    if path.suffix.lower() == ".csv":
        types = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
        return (
            f"read_csv({literal}, header = true, delim = ',', quote = '\"', escape = '\"', "
            f"columns = {types}, auto_detect = false, null_padding = false)"
        )
    return f"read_parquet({literal})"


def _source_types(connection: duckdb.DuckDBPyConnection, reader: str) -> dict[str, str]:
    """The column types DuckDB reads from the file (all VARCHAR for a CSV)."""
    return {row[0]: str(row[1]) for row in connection.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()}


def _register_checks(connection: duckdb.DuckDBPyConnection) -> None:
    """The vectorised credit-code check as a DuckDB function over Arrow batches."""
    connection.create_function(
        "littlegiant_credit_code_valid",
        credit_codes_valid,
        ["VARCHAR"],  # type: ignore[list-item]
        "BOOLEAN",  # type: ignore[arg-type]
        type="arrow",  # type: ignore[arg-type]
    )


BAD_VALUE = "littlegiant: a value breaks the rules of its field"


def _credit_codes_checked(connection: duckdb.DuckDBPyConnection, reader: str) -> str | None:
    """Check that every row has a valid credit code and that no code appears twice, in one read of the
    credit_code column; return the SQL of the codes so checked, or None when the check fails.

    The SQL is the column as it stands when every code is a valid code as it stands (nothing to trim or
    upper-case: the usual file, whose codes the assessment then reads without a string function per row),
    else the codes trimmed and upper-cased, read a second time. The codes come back in batches of a million
    and are checked by numpy (records.valid_credit_code_fingerprints), which also gives each a 64-bit
    fingerprint; sorting the fingerprints finds repeats for a third of the CPU of a hash aggregate of the
    codes in DuckDB. None sends the caller to `_first_bad_value`, which names the bad row or the repeated code
    (or finds none, when two different codes only shared a fingerprint).
    """
    import numpy as np

    for code in (f"CAST({quote('credit_code')} AS VARCHAR)", f"upper({text_sql('credit_code')})"):
        batches = []
        for batch in connection.sql(f"SELECT {code} FROM {reader}").to_arrow_reader(CREDIT_CODE_BATCH_ROWS):
            fingerprints = valid_credit_code_fingerprints(batch.column(0))
            if fingerprints is None:
                break
            batches.append(fingerprints)
        else:
            every = np.sort(np.concatenate(batches)) if batches else np.zeros(0, dtype=np.uint64)
            return None if (every[1:] == every[:-1]).any() else code
    return None


def _proven_by_statistics(
    connection: duckdb.DuckDBPyConnection, source: Path, columns: list[str], source_types: dict[str, str]
) -> set[str]:
    """The typed columns of a Parquet file whose own statistics prove every value keeps its field's rules.

    A typed column's rules are ranges (an interval of good values), so when the least and the greatest value
    of every row group are good, all values are. The file's footer gives those in milliseconds; leaving these
    columns out of the guard spares reading columns the packs do not use at all.
    """
    if source.suffix.lower() != ".parquet":
        return set()
    import pyarrow.parquet as pq

    metadata = pq.read_metadata(source)
    position = {name: index for index, name in enumerate(metadata.schema.names)}
    checks: dict[str, str] = {}
    for name in columns:
        source_type = source_types.get(name, "VARCHAR")
        if name == "credit_code" or not typed_in_file(name, source_type):
            continue
        field = FIELDS_BY_NAME[name]
        if typed_bad_sql(field, "v") == "FALSE" or name not in position:
            continue
        extremes = _extremes(metadata, position[name])
        if extremes is None:
            continue
        values = ", ".join(f"(CAST('{value}' AS {source_type}))" for value in extremes)
        checks[name] = f"(SELECT NOT bool_or({typed_bad_sql(field, 'v')}) FROM (VALUES {values}) AS t(v))"
    if not checks:
        return set()
    found = connection.execute("SELECT " + ", ".join(checks.values())).fetchone()
    assert found is not None
    return {name for name, proven in zip(checks, found, strict=True) if proven}


def _extremes(metadata: Any, column: int) -> tuple[object, object] | None:
    """The least and greatest value of a Parquet column from its row groups' statistics; None where a row
    group with values has none."""
    least: Any = None
    greatest: Any = None
    for group in range(metadata.num_row_groups):
        chunk = metadata.row_group(group).column(column)
        statistics = chunk.statistics
        if statistics is not None and statistics.null_count == chunk.num_values:
            continue  # only empty cells (unknown values) in this row group
        if statistics is None or not statistics.has_min_max:
            return None
        least = statistics.min if least is None else min(least, statistics.min)
        greatest = statistics.max if greatest is None else max(greatest, statistics.max)
    if least is None:
        return None
    return least, greatest


def _trimmed(reader: str, columns: list[str], source_types: dict[str, str]) -> str:
    """The file with every text column trimmed (empty as NULL) once, before the value guard and the typed
    columns read it: in a filter DuckDB computes a repeated expression each time it appears, and the guard
    names each text column three or four times."""
    text = [
        name
        for name in columns
        if name != "credit_code"  # read as `_credit_codes_checked` found it
        and not typed_in_file(name, source_types.get(name, "VARCHAR"))
        and not double_in_file(name, source_types.get(name, "VARCHAR"))
    ]
    if not text:
        return reader
    trimmed = ", ".join(f"{text_sql(name)} AS {quote(name)}" for name in text)
    return f"(SELECT * REPLACE ({trimmed}) FROM {reader}) AS trimmed"


def _value_guard(columns: list[str], source_types: dict[str, str], proven: set[str]) -> str:
    """A WHERE condition on the records as `_trimmed` gives them that stops the query at the first value
    breaking its field's rules.

    Checking the values inside the assessing query reads the file once instead of twice; when the guard fires,
    `_first_bad_value` finds the row and column to name (a bad file is rare and may be slow to report).
    Columns in `proven` are known good from the file's statistics and are not read for the guard.
    """
    checks: list[str] = []
    for name in columns:
        if name == "credit_code" or name in proven:
            continue  # the credit codes are checked beforehand, with the duplicates
        field = FIELDS_BY_NAME[name]
        if typed_in_file(name, source_types.get(name, "VARCHAR")):
            checks.append(typed_bad_sql(field, quote(name)))
        elif double_in_file(name, source_types.get(name, "VARCHAR")):
            checks.append(double_bad_sql(field, quote(name)))
        else:
            checks.append(bad_sql(field, quote(name), glob=True))  # trimmed already
    checks = [check for check in checks if check != "FALSE"]
    if not checks:
        return "TRUE"
    return f"(CASE WHEN {' OR '.join(checks)} THEN error('{BAD_VALUE}') ELSE TRUE END)"


def _first_bad_value(
    connection: duckdb.DuckDBPyConnection,
    reader: str,
    columns: list[str],
    path: Path,
    source_types: dict[str, str],
) -> None:
    """Find the first row with a bad value, in one streaming pass, and raise BatchError naming row and
    column."""
    # Text columns are trimmed once in a subquery; typed columns are read as they are. The checks then
    # read plain columns, which DuckDB evaluates several times faster than repeated expressions.
    cleaned = []
    checks: list[tuple[str, str]] = []
    for name in columns:
        field = FIELDS_BY_NAME[name]
        if typed_in_file(name, source_types.get(name, "VARCHAR")):
            cleaned.append(f"{quote(name)} AS {quote(name)}")
            checks.append((name, typed_bad_sql(field, quote(name))))
        elif double_in_file(name, source_types.get(name, "VARCHAR")):
            cleaned.append(f"{quote(name)} AS {quote(name)}")
            checks.append((name, double_bad_sql(field, quote(name))))
        elif name == "credit_code":
            cleaned.append(f"upper({text_sql(name)}) AS {quote(name)}")
            # The check characters are computed once per code, vectorised (records.credit_codes_valid).
            checks.append(
                (name, f"({quote(name)} IS NULL OR NOT littlegiant_credit_code_valid({quote(name)}))")
            )
        else:
            cleaned.append(f"{text_sql(name)} AS {quote(name)}")
            checks.append((name, bad_sql(field, quote(name))))
    reader = f"(SELECT {', '.join(cleaned)} FROM {reader}) AS cleaned"
    checks = [(name, sql) for name, sql in checks if sql != "FALSE"]
    any_bad = " OR ".join(f"({sql})" for _, sql in checks) or "FALSE"
    # A good file is checked in one parallel scan; only a bad one pays for numbering its rows.
    if not connection.execute(f"SELECT EXISTS (SELECT 1 FROM {reader} WHERE {any_bad})").fetchall()[0][0]:
        found = None
    else:
        found = _first_bad_row(connection, reader, checks)
    duplicate = connection.execute(
        f"SELECT credit_code FROM {reader} GROUP BY 1 HAVING count(*) > 1 LIMIT 1"
    ).fetchall()
    duplicate = duplicate[0] if duplicate else None
    if found is not None:
        row_number, index = int(found[0]), int(found[1])
        name = checks[index][0]
        raw = connection.execute(
            f"SELECT {quote(name)} FROM (SELECT row_number() OVER () AS row_number, {quote(name)} "
            f"FROM {reader}) WHERE row_number = {row_number}"
        ).fetchone()
        try:
            coerce_value(FIELDS_BY_NAME[name], None if raw is None else raw[0])
            problem = f"{raw[0] if raw else None!r} is not valid for {name}"
        except InputError as error:
            problem = error.problem
        raise BatchError(f"{path.name}: row {row_number}, column {name}: {problem}")
    if duplicate is not None:
        raise BatchError(f"{path.name}: credit code {duplicate[0]} appears on more than one row")


def _first_bad_row(
    connection: duckdb.DuckDBPyConnection, reader: str, checks: list[tuple[str, str]]
) -> tuple[int, int] | None:
    """The first row (from 1, after the header) with a bad value, and the index of its first bad column."""
    first_bad = "(CASE " + " ".join(f"WHEN {sql} THEN {i}" for i, (_, sql) in enumerate(checks)) + " END)"
    found = connection.execute(
        f"SELECT row_number, bad FROM (SELECT row_number() OVER () AS row_number, {first_bad} AS bad "
        f"FROM {reader}) WHERE bad IS NOT NULL ORDER BY row_number LIMIT 1"
    ).fetchall()
    return (int(found[0][0]), int(found[0][1])) if found else None


def assess_file(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    pack_ids: Sequence[str],
    explain: bool = False,  # noqa: A002 - the CLI's --explain
    progress: Progress | None = None,
    *,
    evaluation_date: dt.date | None = None,
    engine: str = "duckdb",
    master: str | None = None,
    detail: bool = True,
    parameters: Mapping[str, object] | None = None,
) -> int:
    """Assess every enterprise of a CSV, XLSX or Parquet file; write CSV, Parquet or JSON Lines; return the
    row count. `parameters` override the parameters of the packs asked for (a calculation pack's rate).

    Nothing is written when the input is bad: the error names the row and the column. `detail` False writes
    only each pack's outcome and score, not its per-criterion columns. engine "duckdb" (on
    this machine) or "spark" (rules/spark.py: a local session, `master`, or Spark Connect at SPARK_REMOTE;
    without --explain, whose documents are built here in Python).
    """
    if engine == "spark":
        if explain:
            raise BatchError("--explain is for the duckdb engine: explanations are built one row at a time")
        return assess_file_on_spark(
            input_path, output_path, pack_ids, master=master, detail=detail, parameters=parameters
        )
    if engine != "duckdb":
        raise BatchError(f"engine must be duckdb or spark, not {engine!r}")
    source, target, output_format, requested, compiled = batch_request(
        input_path, output_path, pack_ids, parameters
    )

    with tempfile.TemporaryDirectory(prefix="littlegiant-assess-") as scratch:
        scratch_dir = Path(scratch)
        if source.suffix.lower() == ".xlsx":
            source = xlsx_to_csv(source, scratch_dir)
        columns = _columns_of(source)
        check_columns(Path(input_path), columns)
        connection = duckdb.connect(
            config={
                "memory_limit": BATCH_MEMORY_LIMIT,
                "threads": BATCH_THREADS,
                "temp_directory": str(scratch_dir / "spill"),
                "preserve_insertion_order": True,
            }
        )
        try:
            reader = _reader(source, columns)
            _register_checks(connection)
            connection.execute(STATUS_TYPE_SQL)
            source_types = _source_types(connection, reader)
            credit_code = _credit_codes_checked(connection, reader)
            if credit_code is None:
                _first_bad_value(connection, reader, columns, Path(input_path), source_types)
                credit_code = f"upper({text_sql('credit_code')})"
            present = set(columns)
            typed = ", ".join(
                (
                    credit_code
                    if field.name == "credit_code"
                    else typed_column(field.name, source_types.get(field.name, "VARCHAR"))
                    if field.name in present
                    else f"CAST(NULL AS {column_type(field.name)})"
                )
                + f" AS {quote(field.name)}"
                for field in FIELDS
            )
            proven = _proven_by_statistics(connection, source, columns, source_types)
            guard = _value_guard(columns, source_types, proven)
            trimmed = _trimmed(reader, columns, source_types)
            relation = f"(SELECT {typed} FROM {trimmed} WHERE {guard}) AS records"
            selected = output_columns(compiled, requested, output_format, detail=detail or explain)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent or "."
            )
            os.close(handle)
            try:
                if explain:
                    rows = _write_explained(
                        connection, compiled, requested, relation, selected, Path(temporary), output_format,
                        evaluation_date or dt.date.today(), progress,
                    )  # fmt: skip
                else:
                    query = compiled.query(relation, final=", ".join(selected))
                    rows = _copy(connection, query, Path(temporary), output_format, progress)
                os.replace(temporary, target)
            except BaseException as error:
                Path(temporary).unlink(missing_ok=True)
                if isinstance(error, duckdb.Error) and BAD_VALUE in str(error):
                    # The guard stopped the query: find and name the first bad row and column.
                    _first_bad_value(connection, reader, columns, Path(input_path), source_types)
                raise
        finally:
            connection.close()
    return rows


def _copy(
    connection: duckdb.DuckDBPyConnection,
    query: str,
    target: Path,
    output_format: str,
    progress: Progress | None,
) -> int:
    options = {
        ".csv": "FORMAT csv, HEADER true",
        # zstd at level 1, not DuckDB's default level: writing a million enterprises' outcomes and scores
        # took 0.4 CPU s instead of 0.6, and the file came out smaller (9.0 MB against 10.2 MB).
        ".parquet": "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1",
        ".jsonl": "FORMAT json",
    }[output_format]
    literal = "'" + str(target).replace("'", "''") + "'"
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.25):
            try:
                fraction = connection.query_progress()
            except duckdb.Error:
                continue
            if progress is not None and fraction >= 0:
                progress(min(fraction / 100, 1.0))

    watcher = threading.Thread(target=watch, daemon=True) if progress is not None else None
    if watcher:
        watcher.start()
    try:
        result = connection.execute(f"COPY ({query}) TO {literal} ({options})").fetchone()
    finally:
        done.set()
        if watcher:
            watcher.join()
    if progress is not None:
        progress(1.0)
    return int(result[0]) if result else 0


def _write_explained(
    connection: duckdb.DuckDBPyConnection,
    compiled: CompiledPacks,
    requested: list[RulePack],
    relation: str,
    selected: list[str],
    target: Path,
    output_format: str,
    evaluated_on: dt.date,
    progress: Progress | None,
) -> int:
    """With --explain each row's explanation is built in Python from the same compiled SQL, batch by batch."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    total_rows = int(connection.execute(f"SELECT count(*) FROM {relation}").fetchall()[0][0])
    output_names = [s.rsplit(" AS ", 1)[1].strip('"') for s in selected]
    internal = compiled.query(
        relation,
        final="*, "
        + ", ".join(
            f"{s.rsplit(' AS ', 1)[0]} AS {quote('out:' + n)}"
            for s, n in zip(selected, output_names, strict=True)
        ),
    )
    reader = connection.sql(internal).to_arrow_reader(EXPLAIN_BATCH_ROWS)
    single = len(requested) == 1
    writer: Any = None
    handle = None
    written = 0
    try:
        for batch in reader:
            rows = batch.to_pylist()
            explanations: dict[str, list[str]] = {p.id: [] for p in requested}
            for row in rows:
                record = {name: row.get(name) for name in COLUMN_NAMES}
                documents = _documents(
                    compiled.packs,
                    lambda pack, _, row=row: result_from_row(pack, compiled.prefixes, row),
                    record,
                    evaluated_on,
                )
                for pack in requested:
                    explanations[pack.id].append(json.dumps(documents[pack.id], ensure_ascii=False))
            arrays = {name: batch.column("out:" + name) for name in output_names}
            for pack in requested:
                arrays["explanation" if single else f"{pack.id}.explanation"] = pa.array(
                    explanations[pack.id]
                )
            table = pa.table(arrays)
            if output_format == ".parquet":
                writer = writer or pq.ParquetWriter(target, table.schema, compression="zstd")
                writer.write_table(table)
            elif output_format == ".csv":
                writer = writer or pacsv.CSVWriter(target, table.schema)
                writer.write_table(table)
            else:
                handle = handle or target.open("w", encoding="utf-8")
                for item in table.to_pylist():
                    handle.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
            written += len(rows)
            if progress is not None and total_rows:
                progress(written / total_rows)
    finally:
        if writer is not None:
            writer.close()
        if handle is not None:
            handle.close()
    if written == 0:
        target.write_text("" if output_format != ".csv" else ",".join(output_names) + "\n", encoding="utf-8")
    return written
