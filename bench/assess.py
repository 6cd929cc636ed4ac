"""Batch assessment benchmark: littlegiant's criteria engine against the I/O floor and against OpenFisca-Core.

For each size in BENCH_SIZES (default 1,000,000 and 10,000,000) it writes a synthetic file of enterprises
(bench/synthetic.py) and times, each in its own subprocess so that peak memory is that phase's alone:

- the I/O floor: a bare DuckDB COPY of the input Parquet file to Parquet;
- littlegiant `assess_file` with the four 2022 packs and their per-criterion columns;
- littlegiant `assess_file` with the size and innovative-SME packs only;
- OpenFisca-Core 46 running the same two packs (bench/openfisca_smes, in bench/.venv-openfisca).

Then it compares OpenFisca's size classes and innovative-SME outcomes with ours, enterprise by enterprise,
and times one enterprise through `assess_record` with all four packs (explanations included), in process.

Prints Markdown tables. Usage: ``.venv/bin/python bench/assess.py`` (``make bench`` runs it).
Environment: BENCH_SIZES=1000000,10000000  BENCH_OUT=bench/out  BENCH_REPEATS=3
(runs at sizes up to 1 million; larger sizes run once)  BENCH_ROUNDS=3 (rounds at every size, overriding
BENCH_REPEATS: each round runs every selected phase once, in turn, so a slow minute hurts every phase alike)
BENCH_KEEP=1 keeps the big files  BENCH_PHASES=floor,lg4,… (a subset)
BENCH_TIMEOUT=3600 (seconds a phase may run before it is stopped and reported as timed out)
BENCH_BASE_SRC=/path/to/other/checkout/src adds `lg2_outcomes_base`, the outcome-only phase on that checkout's
engine, so that an engine change is measured old against new in alternation in one run.

Every figure is a median over the rounds: wall seconds of the phase's own work, CPU seconds (user + system)
and peak resident memory of the phase process together with every process it started and waited for (the
Spark JVM is one: the Spark phases stop it and wait for it before they exit, so wait4's rusage counts it), and
the load average when the run started.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OPENFISCA_PYTHON = BENCH / ".venv-openfisca" / "bin" / "python"
ALL_PACKS = (
    "cn.miit.sme-size.2011",
    "cn.miit.innovative-sme.2022",
    "cn.miit.srdi-sme.2022",
    "cn.miit.little-giant.2022",
)
SAME_AS_OPENFISCA = ("cn.miit.sme-size.2011", "cn.miit.innovative-sme.2022")
SIZE_PACK, INNOVATIVE_PACK = SAME_AS_OPENFISCA
LATENCY_CALLS = 500
LATENCY_WARMUP = 20
TARGET_FLOOR_RATIO = 3.0
TARGET_OPENFISCA_SPEEDUP = 3.0
TARGET_PEAK_MIB = 4096
TARGET_P50_MS = 20.0
PHASE_TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "3600"))
# The Spark phases first assess this many enterprises of the same file, twice: the second small run's time is
# the fixed cost of a query (planning, code generation, job start), told apart from the per-enterprise work
# in the sizing table; the first also pays for the JVM's warm-up.
SPARK_SAMPLE_ROWS = 10_000
SIZING_ENTERPRISES = 50_000_000
SIZING_WINDOWS = ((3600, "1 hour"), (600, "10 minutes"))

PHASES = {
    "floor": "DuckDB COPY Parquet → Parquet (I/O floor)",
    "lg4": "littlegiant assess_file, 4 packs of 2022 + per-criterion columns",
    "lg2": "littlegiant assess_file, size + innovative-SME",
    "lg2_outcomes": "littlegiant, size + innovative-SME, outcome and score only (what OpenFisca writes)",
    "lg2_outcomes_base": "the same, engine of BENCH_BASE_SRC (a baseline checkout's src)",
    "openfisca": "OpenFisca-Core 46, size + innovative-SME",
    "floor_double": "DuckDB COPY, money as DOUBLE (I/O floor of that file)",
    "lg4_double": "littlegiant, 4 packs + per-criterion columns, money as DOUBLE",
    "floor_csv": "DuckDB COPY CSV → Parquet (I/O floor of that file)",
    "lg4_csv": "littlegiant, 4 packs + per-criterion columns, CSV input",
    "spark4": "littlegiant on Spark local[2], 4 packs + per-criterion columns",
    "spark2": "littlegiant on Spark local[2], size + innovative-SME, outcome and score only",
}
# The input file of each phase: the synthetic Parquet with DECIMAL money, the same values as DOUBLE, or CSV.
PHASE_INPUT = {"floor_double": "double", "lg4_double": "double", "floor_csv": "csv", "lg4_csv": "csv"}
# BENCH_BASE_SRC: the src directory of another checkout of littlegiant (`git worktree add` or `git archive`),
# whose engine the *_base phases run, in alternation with this checkout's: old against new in one run.
BASE_SRC = os.environ.get("BENCH_BASE_SRC", "")
SELECTED_PHASES = [
    p
    for p in os.environ.get(
        "BENCH_PHASES", ",".join(x for x in PHASES if BASE_SRC or not x.endswith("_base"))
    ).split(",")
    if p
]
TARGET_DETAIL_RATIO = 2.0
TARGET_OPENFISCA_RATIO = 1.0
AIM_OPENFISCA_RATIO = 1.3


@dataclass
class Measurement:
    """Runs of one phase at one size: seconds inside the phase and the subprocess's peak resident memory."""

    phase: str
    rows: int
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # 1-minute load average as each run started
    extras: list[dict] = field(default_factory=list)  # the phase's own figures (Spark: planning, JVM CPU)
    error: str | None = None

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu_seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mib)

    @property
    def median_load(self) -> float:
        return statistics.median(self.loads)

    def median_extra(self, key: str) -> float:
        return statistics.median(extra[key] for extra in self.extras)


# --- Phases, each run in a fresh subprocess ---------------------------------------------------------------


def phase_floor(source: Path, target: Path) -> dict:
    import duckdb

    started = time.perf_counter()
    with duckdb.connect() as connection:
        connection.execute(
            f"COPY (SELECT * FROM read_parquet({literal(source)})) TO {literal(target)} (FORMAT parquet)"
        )
    return {"seconds": time.perf_counter() - started}


def phase_floor_csv(source: Path, target: Path) -> dict:
    import duckdb

    started = time.perf_counter()
    with duckdb.connect() as connection:
        connection.execute(
            f"COPY (SELECT * FROM read_csv({literal(source)}, header = true, all_varchar = true)) "
            f"TO {literal(target)} (FORMAT parquet)"
        )
    return {"seconds": time.perf_counter() - started}


def phase_assess(
    source: Path, target: Path, packs: tuple[str, ...], *, detail: bool = True, engine: str = "duckdb"
) -> dict:
    from littlegiant.rules import assess_file

    if engine == "spark":
        # The session's start-up (seconds, once per process) is not the assessment's work.
        from littlegiant.rules.spark import spark_session

        spark_session()
    started = time.perf_counter()
    assess_file(source, target, list(packs), detail=detail, engine=engine)
    return {"seconds": time.perf_counter() - started}


def phase_spark(source: Path, target: Path, packs: tuple[str, ...], *, detail: bool) -> dict:
    """assess_file on a local Spark session: first SPARK_SAMPLE_ROWS enterprises of the file (the fixed cost
    of a query), then the whole file, each with the JVM's own CPU seconds; then the JVM is stopped and waited
    for, so that the CPU and peak memory the parent reads from wait4 include it."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyspark import SparkContext

    from littlegiant.rules import assess_file
    from littlegiant.rules.spark import spark_session

    session = spark_session()  # the session's start-up (seconds, once per process) is not timed
    jvm = SparkContext._gateway.proc  # type: ignore[union-attr]

    def cpu() -> float:
        return jvm_cpu_seconds(jvm.pid) + time.process_time()

    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="littlegiant-bench-") as scratch:
        sample = Path(scratch) / "sample.parquet"
        with pq.ParquetFile(source) as reader:
            batch = next(reader.iter_batches(batch_size=SPARK_SAMPLE_ROWS))
        pq.write_table(pa.Table.from_batches([batch]), sample)
        # Twice: the first run also loads classes and warms the JIT, once per JVM (reported apart).
        for key in ("warmup", "plan"):
            started, started_cpu = time.perf_counter(), cpu()
            assess_file(sample, Path(scratch) / "out.parquet", list(packs), detail=detail, engine="spark")
            result[f"{key}_seconds"], result[f"{key}_cpu"] = (
                time.perf_counter() - started,
                cpu() - started_cpu,
            )
            print(json.dumps(result), file=sys.stderr, flush=True)  # reported even if the big run times out
    started, started_cpu = time.perf_counter(), cpu()
    assess_file(source, target, list(packs), detail=detail, engine="spark")
    result["seconds"], result["run_cpu"] = time.perf_counter() - started, cpu() - started_cpu
    session.stop()
    jvm.stdin.close()  # the JVM exits at the end of its standard input
    jvm.wait(timeout=120)
    return result


def jvm_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process and of its children it waited for (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def write_variants(source: Path, rows: int, out: Path) -> dict[str, Path]:
    """The same enterprises with money (and fractions) as DOUBLE, as pandas and Spark write them, and as CSV;
    every value still varies from row to row as in the synthetic file."""
    import duckdb
    import pyarrow.parquet as pq

    from littlegiant.rules.schema import FIELDS_BY_NAME, FieldKind

    variants = {"decimal": source, "double": out / f"enterprises_{rows}_double.parquet",
                "csv": out / f"enterprises_{rows}.csv"}  # fmt: skip
    names = pq.read_schema(source).names
    decimals = (FieldKind.MONEY, FieldKind.FRACTION, FieldKind.NUMBER)
    doubles = ", ".join(
        f'CAST("{n}" AS DOUBLE) AS "{n}"' if FIELDS_BY_NAME[n].kind in decimals else f'"{n}"' for n in names
    )
    with duckdb.connect() as connection:
        if not variants["double"].exists() and any(PHASE_INPUT.get(p) == "double" for p in SELECTED_PHASES):
            say(f"writing the DOUBLE copy {variants['double']}")
            connection.execute(
                f"COPY (SELECT {doubles} FROM read_parquet({literal(source)})) TO {literal(variants['double'])} "
                "(FORMAT parquet, ROW_GROUP_SIZE 131072)"
            )
        if not variants["csv"].exists() and any(PHASE_INPUT.get(p) == "csv" for p in SELECTED_PHASES):
            say(f"writing the CSV copy {variants['csv']}")
            connection.execute(
                f"COPY (SELECT * FROM read_parquet({literal(source)})) TO {literal(variants['csv'])} "
                "(FORMAT csv, HEADER true)"
            )
    return variants


def phase_latency(source: Path) -> dict:
    import pyarrow.parquet as pq

    from littlegiant.rules import assess_record

    with pq.ParquetFile(source) as reader:
        batch = next(reader.iter_batches(batch_size=LATENCY_CALLS))
    records = batch.to_pylist()  # Decimal, int, bool, str or None: the contract's record values
    for record in records[:LATENCY_WARMUP]:
        assess_record(record, ALL_PACKS)
    timings, cpu = [], []
    for record in records:
        started, started_cpu = time.perf_counter(), time.process_time()
        documents = assess_record(record, ALL_PACKS)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    assert set(documents) >= set(ALL_PACKS), f"assess_record returned {sorted(documents)}"
    timings.sort()
    return {
        "calls": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "max_ms": timings[-1],
        "cpu_p50_ms": statistics.median(cpu),
        "json_bytes": len(json.dumps(documents, ensure_ascii=False, default=str)),
    }


def run_phase_here(argv: list[str]) -> int:
    """Entry point of a phase subprocess: `assess.py --phase NAME SOURCE [TARGET]`; prints one JSON line."""
    name, source = argv[0], Path(argv[1])
    target = Path(argv[2]) if len(argv) > 2 else None
    if name in ("floor", "floor_double"):
        result = phase_floor(source, target)
    elif name == "floor_csv":
        result = phase_floor_csv(source, target)
    elif name in ("lg4", "lg4_double", "lg4_csv"):
        result = phase_assess(source, target, ALL_PACKS)
    elif name == "lg2":
        result = phase_assess(source, target, SAME_AS_OPENFISCA)
    elif name in ("lg2_outcomes", "lg2_outcomes_base"):
        result = phase_assess(source, target, SAME_AS_OPENFISCA, detail=False)
    elif name == "spark4":
        result = phase_spark(source, target, ALL_PACKS, detail=True)
    elif name == "spark2":
        result = phase_spark(source, target, SAME_AS_OPENFISCA, detail=False)
    elif name == "latency":
        result = phase_latency(source)
    else:
        raise SystemExit(f"unknown phase {name!r}")
    print(json.dumps(result))
    return 0


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[dict, float, float]:
    """Run a phase subprocess; return its JSON line, its peak RSS in MiB and its CPU seconds. wait4 reports
    the child together with the descendants it waited for (Linux: its own and its children's maximum RSS,
    their CPU time summed); a descendant left running would be missed, which the Spark phases avoid."""
    with tempfile.TemporaryFile(mode="w+") as errors:
        # stderr goes to a file: no pipe fills while we wait, and wait4 (not communicate) reaps the child.
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True, env=env
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(PHASE_TIMEOUT, stop)
        timer.start()
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if timed_out.is_set():
            errors.seek(0)
            reported = [line for line in errors.read().splitlines() if line.startswith("{")]
            raise RuntimeError(
                f"timed out after {PHASE_TIMEOUT:.0f} s (BENCH_TIMEOUT), "
                f"peak {usage.ru_maxrss / 1024:,.0f} MiB by then (the phase's own process)"
                + (f"; it had reported {reported[-1]}" if reported else "")
            )
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(
                f"{' '.join(command[:4])} failed ({process.returncode}): {errors.read().strip()[-2000:]}"
            )
    last = [line for line in stdout.splitlines() if line.startswith("{")][-1]
    # Linux reports kilobytes. CPU seconds (user + system, all threads) hold up better than wall time on a
    # busy machine.
    return json.loads(last), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def phase_env(phase: str) -> dict[str, str] | None:
    """The environment of a phase subprocess: a *_base phase imports littlegiant from BENCH_BASE_SRC first."""
    if not phase.endswith("_base"):
        return None
    if not BASE_SRC:
        raise RuntimeError(f"{phase} needs BENCH_BASE_SRC, the src directory of the baseline checkout")
    return {**os.environ, "PYTHONPATH": BASE_SRC}


def phase_command(phase: str, source: Path, target: Path | None) -> list[str]:
    if phase == "openfisca":
        return [str(OPENFISCA_PYTHON), str(BENCH / "openfisca_run.py"), str(source), str(target)]
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, str(source)]
    return command + ([str(target)] if target else [])


# --- Comparison with OpenFisca ------------------------------------------------------------------------------


def outcome_columns(path: Path) -> dict[str, str]:
    """The outcome and score columns of the size and innovative-SME packs in littlegiant's output file."""
    import pyarrow.parquet as pq

    names = pq.read_schema(path).names

    def pick(*candidates: str) -> str:
        for candidate in candidates:
            if candidate in names:
                return candidate
        raise LookupError(f"none of {candidates} in littlegiant's output columns: {names}")

    return {
        "size": pick(
            f"{SIZE_PACK}.outcome",
            f"{SIZE_PACK}__outcome",
            f"{SIZE_PACK}:outcome",
            "sme_size_2011__outcome",
            "size_outcome",
            "size_class",
        ),
        "innovative": pick(
            f"{INNOVATIVE_PACK}.outcome",
            f"{INNOVATIVE_PACK}__outcome",
            f"{INNOVATIVE_PACK}:outcome",
            "innovative_sme_2022__outcome",
            "innovative_outcome",
        ),
        "score": pick(
            f"{INNOVATIVE_PACK}.score",
            f"{INNOVATIVE_PACK}__score",
            f"{INNOVATIVE_PACK}:score",
            "innovative_sme_2022__score",
            "innovative_score",
        ),
    }


def literal(path: Path) -> str:
    """A path as a SQL string literal (a view cannot take prepared parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def compare(source: Path, ours: Path, theirs: Path) -> dict:
    """Count enterprises that OpenFisca and littlegiant classify differently, with a few examples."""
    import duckdb

    columns = outcome_columns(ours)
    quoted = {key: '"' + value.replace('"', '""') + '"' for key, value in columns.items()}
    with duckdb.connect() as connection:
        connection.execute(
            f"""
            CREATE TEMP VIEW joined AS
            SELECT i.credit_code, i.industry_code, i.employees, i.operating_revenue, i.total_assets,
                   i.main_business_revenue, i.main_business_revenue_prev, i.total_liabilities, i.rd_expense,
                   l.{quoted["size"]} AS our_size, o.size_class AS their_size,
                   l.{quoted["innovative"]} AS our_innovative, o.innovative_outcome AS their_innovative,
                   l.{quoted["score"]} AS our_score, o.innovative_score AS their_score
            FROM read_parquet({literal(source)}) i
            JOIN read_parquet({literal(ours)}) l USING (credit_code)
            JOIN read_parquet({literal(theirs)}) o USING (credit_code)
            """
        )
        counts = connection.execute(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE our_size IS DISTINCT FROM their_size),
                   count(*) FILTER (WHERE our_size <> 'insufficient_data'
                                    AND our_size IS DISTINCT FROM their_size),
                   count(*) FILTER (WHERE our_size <> 'insufficient_data'
                                    AND our_size IS DISTINCT FROM their_size
                                    AND (CAST(CAST(operating_revenue AS FLOAT) AS DOUBLE)
                                             <> CAST(operating_revenue AS DOUBLE)
                                         OR CAST(CAST(total_assets AS FLOAT) AS DOUBLE)
                                             <> CAST(total_assets AS DOUBLE))),
                   count(*) FILTER (WHERE our_innovative IS DISTINCT FROM their_innovative),
                   count(*) FILTER (WHERE our_innovative <> 'insufficient_data'
                                    AND our_innovative IS DISTINCT FROM their_innovative),
                   count(*) FILTER (WHERE our_innovative <> 'insufficient_data' AND our_score IS NOT NULL
                                    AND our_score <> their_score)
            FROM joined
            """
        ).fetchone()
        size_examples = connection.execute(
            """
            SELECT credit_code, industry_code, employees, operating_revenue, total_assets,
                   our_size, their_size
            FROM joined WHERE our_size <> 'insufficient_data' AND our_size IS DISTINCT FROM their_size
            QUALIFY row_number() OVER (PARTITION BY operating_revenue ORDER BY credit_code) = 1
            ORDER BY operating_revenue DESC LIMIT 5
            """
        ).fetchall()
        score_examples = connection.execute(
            """
            SELECT credit_code, main_business_revenue, main_business_revenue_prev,
                   total_liabilities, total_assets,
                   rd_expense, operating_revenue, our_score, their_score, our_innovative, their_innovative
            FROM joined WHERE our_innovative <> 'insufficient_data' AND our_score IS NOT NULL
                          AND our_score <> their_score
            ORDER BY credit_code LIMIT 4
            """
        ).fetchall()
    keys = (
        "compared",
        "size_all",
        "size_decided",
        "size_float32",
        "innovative_all",
        "innovative_decided",
        "score_decided",
    )
    return {
        **dict(zip(keys, counts, strict=True)),
        "size_examples": size_examples,
        "score_examples": score_examples,
    }


# --- The run ------------------------------------------------------------------------------------------------


def environment() -> tuple[list[int], Path, int, bool]:
    sizes = [
        int(s.replace("_", "")) for s in os.environ.get("BENCH_SIZES", "1000000,10000000").split(",") if s
    ]
    out = Path(os.environ.get("BENCH_OUT", BENCH / "out"))
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    keep = os.environ.get("BENCH_KEEP", "") not in ("", "0", "false")
    return sizes, out if out.is_absolute() else ROOT / out, repeats, keep


ROUNDS = int(os.environ["BENCH_ROUNDS"]) if os.environ.get("BENCH_ROUNDS") else None


def say(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def benchmark_size(
    rows: int, out: Path, repeats: int, keep: bool, *, latency_too: bool
) -> tuple[list[Measurement], dict | None, dict]:
    source = out / f"enterprises_{rows}.parquet"
    if not source.exists():
        say(f"writing {rows:,} synthetic enterprises to {source}")
        subprocess.run(
            [sys.executable, str(BENCH / "synthetic.py"), "--rows", str(rows), "--out", str(source)],
            cwd=ROOT,
            check=True,
        )
    runs = ROUNDS or (repeats if rows <= 1_000_000 else 1)
    measurements = {phase: Measurement(phase, rows) for phase in PHASES if phase in SELECTED_PHASES}
    if not OPENFISCA_PYTHON.exists() and "openfisca" in measurements:
        measurements["openfisca"].error = "bench/.venv-openfisca missing: run `make bench`"
    # In a subprocess: a child's ru_maxrss starts from its parent's peak at the fork, so the orchestrator must
    # stay small (it printed the DuckDB COPY's 2.8 GiB at 10 million as every later phase's peak before).
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--variants", str(source), str(rows), str(out)],
                   cwd=ROOT, check=True)  # fmt: skip
    variants = write_variants(source, rows, out)  # now only names the files written
    targets = {phase: out / f"{phase}_{rows}.parquet" for phase in PHASES}
    for run in range(runs):
        for (
            phase,
            measurement,
        ) in measurements.items():  # interleaved, so a slow minute hurts every phase alike
            if measurement.error:
                continue
            load = os.getloadavg()[0]
            say(f"{rows:,} rows, run {run + 1}/{runs}: {PHASES[phase]} (load average {load:.1f})")
            try:
                phase_source = variants[PHASE_INPUT.get(phase, "decimal")]
                result, peak, cpu = measure(
                    phase_command(phase, phase_source, targets[phase]), phase_env(phase)
                )
            except RuntimeError as error:
                measurement.error = str(error).splitlines()[-1][:300]
                say(f"  failed: {error}")
                continue
            measurement.seconds.append(result["seconds"])
            measurement.peak_mib.append(peak)
            measurement.cpu_seconds.append(cpu)
            measurement.loads.append(load)
            measurement.extras.append(result)
            say(f"  {result['seconds']:.2f} s, {cpu:.1f} CPU s, peak {peak:,.0f} MiB {json.dumps(result)}")
    comparison = None
    if "lg2" in measurements and "openfisca" in measurements and not measurements["lg2"].error \
            and not measurements["openfisca"].error:  # fmt: skip
        say("comparing OpenFisca's outcomes with littlegiant's")
        try:
            comparison = compare(source, targets["lg2"], targets["openfisca"])
        except LookupError as error:
            say(f"  cannot compare: {error}")
    latency: dict = {}
    if latency_too and "lg4" in measurements and not measurements["lg4"].error:
        say(f"one enterprise, {LATENCY_CALLS} calls of assess_record with the four packs")
        try:
            latency, latency_peak, _ = measure(phase_command("latency", source, None))
            latency["peak_mib"] = latency_peak
        except RuntimeError as error:
            latency = {"error": str(error).splitlines()[-1][:300]}
    if not keep:
        for path in (*targets.values(), *variants.values()):
            path.unlink(missing_ok=True)
    return list(measurements.values()), comparison, latency


def engine_version() -> str:
    """The commit of the criteria engine measured, and whether its files had uncommitted changes."""
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%h %cs", "--", "src/littlegiant/rules"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "src/littlegiant/rules"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"src/littlegiant/rules at {commit or 'no commit'}" + (
        " with uncommitted changes" if dirty else ""
    )


def cell(value: object) -> str:
    """A table cell: scores like 45.000000 shown as 45, money as written."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value == value.to_integral_value() and value.as_tuple().exponent < -2:
        return str(value.quantize(Decimal(1)))
    return str(value)


def print_tables(results: list[tuple[list[Measurement], dict | None, dict]]) -> None:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    print(f"\n### Batch assessment ({when}, {os.cpu_count()} cores, load average {load})\n")
    print(f"Engine: {engine_version()}.")
    print(
        "Seconds and CPU seconds: medians of the interleaved runs (BENCH_ROUNDS, else 3 up to 1 million "
        "enterprises and 1 above). Load: median 1-minute load average as the runs started."
    )
    print(
        "Peak MiB: the largest resident set over the runs of the phase process and the processes it waited "
        "for (wait4's ru_maxrss; for Spark, the JVM).\n"
    )
    print(
        "| enterprises | phase | runs | load | median s | × I/O floor | enterprises/s "
        "| CPU s | CPU × floor | peak MiB |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for measurements, _, _ in results:
        floors = {m.phase: m for m in measurements if m.phase.startswith("floor")}
        for m in measurements:
            floor = floors.get("floor" + m.phase.removeprefix("lg4").removeprefix("lg2")) or floors.get(
                "floor", Measurement("floor", m.rows)
            )
            if m.error or not m.seconds:
                print(f"| {m.rows:,} | {PHASES[m.phase]} | 0 | — | — | — | — | — | — | failed: {m.error} |")
                continue
            ratio = f"{m.median_seconds / floor.median_seconds:.2f}" if floor.seconds else "—"
            cpu_ratio = f"{m.median_cpu / floor.median_cpu:.2f}" if floor.cpu_seconds else "—"
            print(
                f"| {m.rows:,} | {PHASES[m.phase]} | {len(m.seconds)} | {m.median_load:.1f} "
                f"| {m.median_seconds:.2f} | {ratio} "
                f"| {m.rows / m.median_seconds:,.0f} | {m.median_cpu:.1f} | {cpu_ratio} | {m.peak:,.0f} |"
            )

    print("\n### Accuracy: OpenFisca (float32) against littlegiant (exact decimals), same file\n")
    print(
        "| enterprises | compared | size class differs | … where ours is decided "
        "| … of which float32 cannot hold the revenue or assets | innovative-SME outcome differs "
        "| … where ours is decided | innovative score differs (ours decided) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    examples: list[tuple] = []
    scores: list[tuple] = []
    for measurements, comparison, _ in results:
        if comparison is None:
            print(f"| {measurements[0].rows:,} | not compared | | | | | | |")
            continue
        c = comparison
        print(
            f"| {measurements[0].rows:,} | {c['compared']:,} | {c['size_all']:,} | {c['size_decided']:,} "
            f"| {c['size_float32']:,} "
            f"| {c['innovative_all']:,} | {c['innovative_decided']:,} | {c['score_decided']:,} |"
        )
        examples = examples or c["size_examples"]
        scores = scores or c["score_examples"]
    if examples:
        print("\nSize class, examples where the two differ and littlegiant had every input:\n")
        print(
            "| credit code | industry | employees | operating revenue | total assets "
            "| littlegiant | OpenFisca |"
        )
        print("|---|---|---:|---:|---:|---|---|")
        for row in examples:
            print("| " + " | ".join(cell(v) for v in row) + " |")
    if scores:
        print("\nInnovative-SME score, examples where the two differ:\n")
        print(
            "| credit code | main rev. | main rev. prev | liabilities | assets | R&D | revenue "
            "| our score | theirs "
            "| our outcome | theirs |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
        for row in scores:
            print("| " + " | ".join(cell(v) for v in row) + " |")

    print("\n### Targets\n")
    print("| target | measured | met |")
    print("|---|---|---|")
    for measurements, _, latency in results:
        by_phase = {m.phase: m for m in measurements}
        rows = measurements[0].rows

        def done(*phases: str, by_phase: dict[str, Measurement] = by_phase) -> bool:
            return all(p in by_phase and by_phase[p].seconds for p in phases)

        for phase, floor_phase, what in (
            ("lg4", "floor", "DECIMAL"), ("lg4_double", "floor_double", "DOUBLE"), ("lg4_csv", "floor_csv", "CSV"),
        ):  # fmt: skip
            if done(phase, floor_phase):
                ratio = by_phase[phase].median_seconds / by_phase[floor_phase].median_seconds
                cpu_ratio = by_phase[phase].median_cpu / by_phase[floor_phase].median_cpu
                met = "yes" if ratio <= TARGET_DETAIL_RATIO else "NO"
                cpu_met = "yes" if cpu_ratio <= TARGET_DETAIL_RATIO else "NO"
                print(
                    f"| {rows:,}: 4 packs with per-criterion columns within {TARGET_DETAIL_RATIO:g}× of the "
                    f"bare copy, {what} input | wall {ratio:.2f}×, CPU {cpu_ratio:.2f}× "
                    f"| wall {met}, CPU {cpu_met} |"
                )
        for phase in ("lg2_outcomes", "lg2_outcomes_base", "lg2"):
            if done(phase, "openfisca"):
                speedup = by_phase["openfisca"].median_seconds / by_phase[phase].median_seconds
                print(
                    f"| {rows:,}: at least as fast as OpenFisca (aim {AIM_OPENFISCA_RATIO:g}×), size + "
                    f"innovative-SME, {PHASES[phase]} | {speedup:.2f}× "
                    f"(CPU {by_phase['openfisca'].median_cpu / by_phase[phase].median_cpu:.2f}×) "
                    f"| {'yes' if speedup >= TARGET_OPENFISCA_RATIO else 'NO'} |"
                )
        for phase in ("spark4", "spark2"):
            duckdb_phase = {"spark4": "lg4", "spark2": "lg2_outcomes"}[phase]
            if done(phase, duckdb_phase):
                ratio = by_phase[phase].median_seconds / by_phase[duckdb_phase].median_seconds
                cpu_ratio = by_phase[phase].median_cpu / by_phase[duckdb_phase].median_cpu
                print(
                    f"| {rows:,}: {PHASES[phase]} against DuckDB (no target) | wall {ratio:.1f}×, "
                    f"CPU {cpu_ratio:.1f}× slower | — |"
                )
        peaks = [m.peak for m in measurements if m.peak_mib and m.phase != "openfisca"]
        if peaks and rows >= 10_000_000:
            print(
                f"| {rows:,}: peak memory under {TARGET_PEAK_MIB:,} MiB, every littlegiant phase "
                f"| {max(peaks):,.0f} MiB | {'yes' if max(peaks) < TARGET_PEAK_MIB else 'NO'} |"
            )
        if latency and "p50_ms" in latency:
            print(
                f"| one enterprise, 4 packs with explanation: p50 under {TARGET_P50_MS:g} ms "
                f"| p50 {latency['p50_ms']:.2f} ms, p95 {latency['p95_ms']:.2f} ms, "
                f"max {latency['max_ms']:.1f} ms, CPU p50 {latency['cpu_p50_ms']:.2f} ms "
                f"over {latency['calls']} calls | {'yes' if latency['p50_ms'] < TARGET_P50_MS else 'NO'} |"
            )
        elif latency:
            print(f"| one enterprise, 4 packs with explanation | failed: {latency.get('error')} | NO |")


def print_sizing(results: list[tuple[list[Measurement], dict | None, dict]]) -> None:
    """Cores a Spark cluster needs for SIZING_ENTERPRISES, from the per-core throughput measured locally."""
    spark = [
        m for measurements, _, _ in results for m in measurements if m.phase.startswith("spark") and m.extras
    ]
    if not spark:
        return
    print(f"\n### Spark sizing: {SIZING_ENTERPRISES:,} enterprises\n")
    print(
        "Per-core throughput: enterprises ÷ CPU seconds of the whole-file run (JVM and driver), less those of "
        f"a {SPARK_SAMPLE_ROWS:,}-enterprise run of the same query on a warm JVM (planning, code generation, "
        "job start): the fixed cost, paid once per query on the driver whatever the cluster's size. Cores "
        "for a window: the per-enterprise CPU seconds over the window less the fixed cost's wall seconds. "
        "The JVM's first run (class loading, JIT warm-up) is shown apart.\n"
    )
    header = " | ".join(f"cores for {label}" for _, label in SIZING_WINDOWS)
    print(
        "| phase | enterprises | first small run s (CPU s) | run s | run CPU s | fixed cost s (wall) "
        "| fixed cost CPU s "
        f"| enterprises per core-second | {header} |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|" + "---:|" * len(SIZING_WINDOWS))
    for m in spark:
        run_cpu, plan_cpu = m.median_extra("run_cpu"), m.median_extra("plan_cpu")
        plan_seconds = m.median_extra("plan_seconds")
        # The small run's CPU covers the fixed cost and its own SPARK_SAMPLE_ROWS enterprises.
        throughput = (m.rows - SPARK_SAMPLE_ROWS) / max(run_cpu - plan_cpu, 1e-9)
        cores = [
            f"{math.ceil(SIZING_ENTERPRISES / throughput / (window - plan_seconds)):,}"
            if window > plan_seconds
            else "—"
            for window, _ in SIZING_WINDOWS
        ]
        print(
            f"| {PHASES[m.phase]} | {m.rows:,} "
            f"| {m.median_extra('warmup_seconds'):.1f} ({m.median_extra('warmup_cpu'):.1f}) "
            f"| {m.median_seconds:.1f} | {run_cpu:.1f} | {plan_seconds:.1f} "
            f"| {plan_cpu:.1f} | {throughput:,.0f} | {' | '.join(cores)} |"
        )


def main(argv: list[str]) -> int:
    if argv[:1] == ["--phase"]:
        return run_phase_here(argv[1:])
    if argv[:1] == ["--variants"]:
        write_variants(Path(argv[1]), int(argv[2]), Path(argv[3]))
        return 0
    sizes, out, repeats, keep = environment()
    out.mkdir(parents=True, exist_ok=True)
    say(f"sizes {sizes}, {repeats} runs up to 1 million, output in {out}")
    results = [benchmark_size(rows, out, repeats, keep, latency_too=rows == min(sizes)) for rows in sizes]
    print_tables(results)
    print_sizing(results)
    failed = any(m.error for measurements, _, _ in results for m in measurements)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
