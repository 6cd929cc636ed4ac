"""The rule packs on Apache Spark, for enterprise data that lives in a data lake: the same compiled query (in
Spark's dialect, `spark_sql.to_spark`), the same input checks, the same result columns as the DuckDB engine.

A local session (`local[*]`) by default; `master` (a `spark://`, `yarn` or `k8s://` URL) or the `SPARK_REMOTE`
environment variable (Spark Connect) for a cluster. Spark is an optional extra (`littlegiant[spark]`, which
needs a Java runtime); this module imports pyspark only when called.

A file is checked before anything is written (credit codes, duplicates, every value; the first bad row and
column named), then assessed by Spark into a scratch directory beside the output, whose part files are joined
into one file that replaces the output path only at the end.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from sqlglot import exp

# The pieces both engines share: formats, column checks, typed-column rules, result columns.
from littlegiant.rules.batch import (
    STATUS_TYPE,
    BatchError,
    batch_request,
    check_columns,
    double_in_file,
    output_columns,
    typed_column,
    typed_in_file,
    xlsx_to_csv,
)
from littlegiant.rules.compiler import CompiledPacks, column_type, compile_packs, quote, result_from_row
from littlegiant.rules.evaluation import PackResult
from littlegiant.rules.records import (
    InputError,
    bad_sql,
    coerce_record,
    coerce_value,
    credit_code_valid_sql,
    double_bad_sql,
    text_sql,
    typed_bad_sql,
)
from littlegiant.rules.registry import registry
from littlegiant.rules.schema import FIELDS, FIELDS_BY_NAME
from littlegiant.rules.spark_sql import SPARK_SQL_CONF, to_spark

# Driver memory of a local session; a local session runs everything in the driver.
LOCAL_MEMORY = os.environ.get("LITTLEGIANT_SPARK_MEMORY", "2g")
LOCAL_MASTER = os.environ.get("LITTLEGIANT_SPARK_MASTER", "local[*]")
# JVM options of a new local session's driver (read when one starts), say for a short-lived one: the test
# suite's session runs many small queries, whose CPU goes to the JIT and GC more than to the work.
JAVA_OPTIONS_VARIABLE = "LITTLEGIANT_SPARK_JAVA_OPTIONS"


def spark_session(master: str | None = None) -> Any:
    """The active Spark session, or a new one: `master` if given, else Spark Connect at SPARK_REMOTE, else a
    local session. Every session gets `SPARK_SQL_CONF` (exact decimals, ANSI errors)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "the Spark engine needs pyspark and a Java runtime: pip install 'littlegiant[spark]'"
        ) from error
    # A local session's Python workers (for in-memory records) must be this interpreter, not the system's.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("littlegiant")
    remote = os.environ.get("SPARK_REMOTE")
    if master:
        builder = builder.master(master)
    elif remote:
        builder = builder.remote(remote)
    else:
        builder = (
            builder.master(LOCAL_MASTER)
            .config("spark.driver.memory", LOCAL_MEMORY)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # Few, large partitions: a local session has two cores, and each task costs a few milliseconds.
            .config("spark.sql.shuffle.partitions", str(os.cpu_count() or 2))
        )
        if java_options := os.environ.get(JAVA_OPTIONS_VARIABLE):
            builder = builder.config("spark.driver.extraJavaOptions", java_options)
    session = builder.getOrCreate()
    for key, value in SPARK_SQL_CONF.items():
        session.conf.set(key, value)
    return session


def evaluate_records_on_spark(
    records: Sequence[Mapping[str, object]],
    pack_ids: Sequence[str],
    session: Any = None,
    *,
    parameters: Mapping[str, object] | None = None,
) -> list[dict[str, PackResult]]:
    """evaluate_records on Spark: pack id -> PackResult per record, dependencies included.

    The records travel as literal rows of the query (a local relation: no Python worker, no data source).
    """
    packs = registry.with_dependencies(list(pack_ids), parameters)
    compiled = compile_packs(packs)
    session = session or spark_session()
    typed = [coerce_record(record) for record in records]
    previous = session.conf.get("spark.sql.codegen.wholeStage")
    session.conf.set("spark.sql.codegen.wholeStage", "false")
    try:
        found = session.sql(records_query(compiled, typed)).collect()
    finally:
        session.conf.set("spark.sql.codegen.wholeStage", previous)
    return [
        {pack.id: result_from_row(pack, compiled.prefixes, row.asDict()) for pack in packs} for row in found
    ]


# The records' relation in the transpiled query: a name that the records' rows, written in Spark's dialect,
# replace. sqlglot then transpiles a pack's query once (to_spark's cache) rather than once per set of records,
# which cost about 0.6 CPU s a call; the SQL Spark runs is the same, to the byte (a test compares them).
_RECORDS = "littlegiant_records"


def records_query(compiled: CompiledPacks, typed: Sequence[Mapping[str, object]]) -> str:
    """The Spark SQL of the compiled packs over the typed records, in their order (column `__position`)."""
    query = to_spark(compiled.query(_RECORDS) + " ORDER BY __position", exact_comparisons=True)
    records_relation = f"FROM {_RECORDS})"
    if query.count(records_relation) != 1:
        raise RuntimeError("the compiled query must read the records' relation exactly once")
    rows = ", ".join(
        "(" + ", ".join([*(_literal(f.name, record[f.name]) for f in FIELDS), str(index)]) + ")"
        for index, record in enumerate(typed)
    )
    return query.replace(
        records_relation, f"FROM (SELECT * FROM VALUES {rows} AS v({_column_names()})) AS records)"
    )


@cache
def _column_names() -> str:
    return ", ".join(
        [*(exp.to_identifier(f.name, quoted=True).sql(dialect="spark") for f in FIELDS), "__position"]
    )


@cache
def _spark_type(name: str) -> str:
    return to_spark(f"CAST(NULL AS {column_type(name)})").removeprefix("CAST(NULL AS ").removesuffix(")")


def _literal(name: str, value: object) -> str:
    """A typed value as a Spark SQL literal of its column's type."""
    if value is None:
        return f"CAST(NULL AS {_spark_type(name)})"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return exp.Literal.string(value).sql(dialect="spark")
    return f"CAST('{value}' AS {_spark_type(name)})"


# ----------------------------------------------------------------------------------------------------
# A whole file


def _duckdb_type(spark_type: Any) -> str:
    """A Spark column type named as DuckDB names it, so that assessment.typed_in_file can judge it."""
    from pyspark.sql import types as t

    if isinstance(spark_type, t.DecimalType):
        return f"DECIMAL({spark_type.precision},{spark_type.scale})"
    names = {
        t.ByteType: "TINYINT",
        t.ShortType: "SMALLINT",
        t.IntegerType: "INTEGER",
        t.LongType: "BIGINT",
        t.BooleanType: "BOOLEAN",
        t.DoubleType: "DOUBLE",
        t.FloatType: "FLOAT",
    }
    return next((name for kind, name in names.items() if isinstance(spark_type, kind)), "VARCHAR")


def _read(session: Any, source: Path | str, suffix: str) -> Any:
    if suffix == ".csv":
        frame = (
            session.read.option("header", "true")
            .option("inferSchema", "false")
            .option("quote", '"')
            .option("escape", '"')
            .option("encoding", "UTF-8")
            .option("mode", "FAILFAST")
            .csv(str(source))
        )
        # A byte-order mark stays in the first column's name in Spark's CSV reader.
        names = [name.removeprefix("\ufeff").strip() for name in frame.columns]
        return frame.toDF(*names)
    return session.read.parquet(str(source))


def assess_file_on_spark(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    pack_ids: Sequence[str],
    *,
    master: str | None = None,
    session: Any = None,
    detail: bool = True,
    parameters: Mapping[str, object] | None = None,
) -> int:
    """Assess every enterprise of a CSV, XLSX or Parquet file on Spark; write CSV, Parquet or JSON Lines with
    the DuckDB engine's columns; return the row count. Nothing is written when the input is bad."""
    source, target, output_format, requested, compiled = batch_request(
        input_path, output_path, pack_ids, parameters
    )
    session = session or spark_session(master)

    with tempfile.TemporaryDirectory(prefix="littlegiant-spark-") as scratch:
        if source.suffix.lower() == ".xlsx":
            source = xlsx_to_csv(source, Path(scratch))
        frame = _read(session, source.resolve(), source.suffix.lower())
        columns = list(frame.columns)
        check_columns(Path(input_path), columns)
        source_types = {f.name: _duckdb_type(f.dataType) for f in frame.schema.fields}
        view = "littlegiant_source"
        frame.createOrReplaceTempView(view)
        cleaned, checks = _cleaned_and_checks(columns, source_types, typed_in_file, double_in_file)
        cleaned_view = f"(SELECT {', '.join(cleaned)} FROM {view}) AS cleaned"
        _check_values(session, cleaned_view, checks, columns, Path(input_path), BatchError, view)

        present = set(columns)
        typed = ", ".join(
            (
                typed_column(field.name, source_types[field.name])
                if field.name in present
                else f"CAST(NULL AS {column_type(field.name)})"
            )
            + f" AS {quote(field.name)}"
            for field in FIELDS
        )
        relation = f"(SELECT {typed} FROM {view}) AS records"
        # Spark has no ENUM: the statuses are plain strings, the same words.
        selected = [
            s.replace(f"::{STATUS_TYPE}", "")
            for s in output_columns(compiled, requested, output_format, detail=detail)
        ]
        result = session.sql(
            to_spark(compiled.query(relation, final=", ".join(selected)), exact_comparisons=True)
        )
        return _write(result, target, output_format)


def _cleaned_and_checks(
    columns: list[str], source_types: dict[str, str], typed_in_file: Any, double_in_file: Any
) -> tuple[list[str], list[tuple[str, str]]]:
    """Each column as the checks read it (text trimmed, codes upper-cased), and each column's check (Spark
    SQL, TRUE where the value is bad)."""
    cleaned: list[str] = []
    checks: list[tuple[str, str]] = []
    for name in columns:
        field = FIELDS_BY_NAME[name]
        source_type = source_types.get(name, "VARCHAR")
        if typed_in_file(name, source_type):
            cleaned.append(f"{quote(name)} AS {quote(name)}")
            checks.append((name, typed_bad_sql(field, quote(name))))
        elif double_in_file(name, source_type):
            cleaned.append(f"{quote(name)} AS {quote(name)}")
            checks.append((name, double_bad_sql(field, quote(name))))
        elif name == "credit_code":
            cleaned.append(f"upper({text_sql(name)}) AS {quote(name)}")
            checks.append((name, f"({quote(name)} IS NULL OR NOT {credit_code_valid_sql(quote(name))})"))
        else:
            cleaned.append(f"{text_sql(name)} AS {quote(name)}")
            checks.append((name, bad_sql(field, quote(name))))
    cleaned = [to_spark(f"SELECT {sql}").removeprefix("SELECT ") for sql in cleaned]
    return cleaned, [(name, to_spark(sql)) for name, sql in checks if sql != "FALSE"]


def _check_values(
    session: Any,
    cleaned: str,
    checks: list[tuple[str, str]],
    columns: list[str],
    path: Path,
    error: type[Exception],
    view: str,
) -> None:
    """One pass over the file: any bad value, any credit code twice. Only a bad file pays for finding the row."""
    any_bad = " OR ".join(f"({sql})" for _, sql in checks) or "FALSE"
    found = session.sql(
        f"SELECT count_if({any_bad}) AS bad, count(*) - count(DISTINCT credit_code) AS repeated FROM {cleaned}"
    ).collect()[0]
    if found["bad"]:
        numbered = session.sql(f"SELECT * FROM {view}").selectExpr(
            "*", "monotonically_increasing_id() AS `__id`"
        )
        numbered.createOrReplaceTempView("littlegiant_numbered")
        inner = cleaned.replace(f"FROM {view})", "FROM littlegiant_numbered)").replace(
            "(SELECT ", "(SELECT `__id`, ", 1
        )
        first_bad = "CASE " + " ".join(f"WHEN {sql} THEN {i}" for i, (_, sql) in enumerate(checks)) + " END"
        first = session.sql(
            f"SELECT `__id`, {first_bad} AS bad FROM {inner} WHERE {any_bad} ORDER BY `__id` LIMIT 1"
        ).collect()[0]
        row_number = session.sql(f"SELECT count(*) FROM littlegiant_numbered WHERE `__id` <= {first['__id']}")
        row = int(row_number.collect()[0][0])
        name = checks[int(first["bad"])][0]
        raw = session.sql(
            f"SELECT {quote(name).replace(chr(34), '`')} FROM littlegiant_numbered WHERE `__id` = {first['__id']}"
        ).collect()[0][0]
        try:
            coerce_value(FIELDS_BY_NAME[name], raw)
            problem = f"{raw!r} is not valid for {name}"
        except InputError as bad:
            problem = bad.problem
        raise error(f"{path.name}: row {row}, column {name}: {problem}")
    if found["repeated"]:
        code = session.sql(
            f"SELECT credit_code FROM {cleaned} GROUP BY credit_code HAVING count(*) > 1 LIMIT 1"
        ).collect()[0][0]
        raise error(f"{path.name}: credit code {code} appears on more than one row")
    del columns


def _write(result: Any, target: Path, output_format: str) -> int:
    """Spark writes part files into a scratch directory beside the target; they are joined in order into one
    temporary file, renamed to the target at the end. Nothing is left on failure."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".spark", dir=target.parent or "."))
    parts_dir = scratch / "parts"
    temporary = scratch / ("joined" + output_format)
    try:
        writer = result.write.mode("overwrite")
        if output_format == ".parquet":
            writer.option("compression", "zstd").parquet(str(parts_dir))
        elif output_format == ".csv":
            writer.option("header", "false").option("quote", '"').option("escape", '"').option(
                "emptyValue", ""
            ).csv(str(parts_dir))
        else:
            writer.option("ignoreNullFields", "false").json(str(parts_dir))
        parts = sorted(p for p in parts_dir.iterdir() if p.name.startswith("part-"))
        rows = _join(parts, temporary, output_format, result.columns)
        os.replace(temporary, target)
        return rows
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _join(parts: list[Path], target: Path, output_format: str, names: list[str]) -> int:
    rows = 0
    if output_format == ".parquet":
        import pyarrow.parquet as pq

        writer = None
        try:
            for part in parts:
                table = pq.read_table(part)
                rows += table.num_rows
                writer = writer or pq.ParquetWriter(target, table.schema, compression="zstd")
                writer.write_table(table)
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            target.write_bytes(b"")
        return rows
    with target.open("wb") as out:
        if output_format == ".csv":
            header = _csv_line(names)
            out.write(header.encode("utf-8"))
        for part in parts:
            with part.open("rb") as handle:
                for line in handle:
                    rows += 1
                    out.write(line)
    return rows


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()
