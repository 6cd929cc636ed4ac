"""Importing enterprise data files into SQLite: rows per second and peak memory for 1,000 to 100,000 rows.

The import checks the whole file in a first pass that keeps only small per-row keys, then writes in batches
inside one transaction (`littlegiant.enterprises.importing`). If memory is bounded, the peak for 100,000 rows
stays close to the peak for 10,000 while the rows grow tenfold. The baseline is the 1,000-row import of the
same run. Each size imports into a fresh copy of one migrated SQLite database; each CSV holds half as many
enterprises as rows (two years each), with every canonical column filled.

Each import runs in its own process; its peak resident memory (getrusage) less that of an idle process of the
same kind is the memory the import needed. Rows per second and memory come from the same runs.

    BENCH_IMPORT_SIZES=1000,10000,100000  BENCH_REPEATS=3  python bench/import_100k.py
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(size) for size in os.environ.get("BENCH_IMPORT_SIZES", "1000,10000,100000").split(",")]
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
WORK = Path(os.environ.get("BENCH_WORK") or tempfile.mkdtemp(prefix="littlegiant-bench-import-"))
TEMPLATE_DB = WORK / "template.sqlite3"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ["LITTLEGIANT_HOME"] = str(WORK)
    os.environ["LITTLEGIANT_TESTING"] = "true"  # throwaway secret key
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "littlegiant.web.settings")
    import django

    django.setup()


def migrate_template() -> None:
    """Migrate once (the reference data loads with the migrations), then keep the file as a template."""
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    connections.close_all()
    shutil.copy(WORK / "bench.sqlite3", TEMPLATE_DB)


def fresh_database() -> None:
    from django.db import connections

    connections.close_all()
    for suffix in ("", "-wal", "-shm"):
        (WORK / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copy(TEMPLATE_DB, WORK / "bench.sqlite3")


def write_csv(path: Path, rows: int) -> None:
    """`rows` filings: rows/2 enterprises in Zhejiang's counties, years 2024 and 2025, every column filled."""
    from littlegiant.identifiers import make_credit_code
    from littlegiant.reference.models import IndustryClass, Region
    from littlegiant.rules.schema import FIELDS_BY_NAME, FILING_COLUMNS, FieldKind

    rng = random.Random(2026)
    counties = list(
        Region.objects.filter(province_code="330000", level="county").values_list("code", flat=True)
    )
    classes = list(
        IndustryClass.objects.filter(division__code__gte="13", division__code__lte="43").values_list(
            "code", flat=True
        )
    )
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FILING_COLUMNS)
        for number in range(rows // 2):
            county = rng.choice(counties)
            body = "MA" + "".join(alphabet[(number // 31**i) % 31] for i in range(6))
            identity = [
                make_credit_code("91", county, body),
                f"浙江基准测试企业{number:06d}有限公司",
                county,
                rng.choice(classes),
            ]
            for year in (2024, 2025):
                employees = rng.randint(10, 900)
                ip_class1 = rng.randint(0, 12)
                values = {
                    "employees": employees,
                    "rd_staff": rng.randint(0, employees // 4),
                    "ip_class1": ip_class1,
                    "ip_class1_self_developed": rng.randint(0, ip_class1),
                    "ip_class1_high_value": rng.randint(0, ip_class1),
                }
                row = [*identity, year]
                for name in FILING_COLUMNS[5:]:
                    field = FIELDS_BY_NAME[name]
                    if name in values:
                        row.append(values[name])
                    elif field.kind == FieldKind.MONEY:
                        amount = Decimal(rng.randint(-(10**8) if field.may_be_negative else 0, 10**9)) / 100
                        row.append(str(amount))
                    elif field.kind == FieldKind.FRACTION:
                        row.append(str(Decimal(rng.randint(0, 10**6)) / 10**6))
                    elif field.kind == FieldKind.BOOLEAN:
                        row.append(rng.choice(["true", "false", "是", "否", ""]))
                    elif field.kind == FieldKind.ENUM:
                        row.append(rng.choice(field.choices))
                    elif field.kind == FieldKind.NUMBER:
                        top = int(field.maximum) if field.maximum is not None else 30
                        row.append(str(Decimal(rng.randint(0, top * 1000)) / 1000))
                    else:  # counts and small integers
                        low = int(field.minimum) if field.minimum is not None else 0
                        high = int(field.maximum) if field.maximum is not None else 50
                        row.append(rng.randint(max(low, 1) if field.minimum else low, high))
                writer.writerow(row)


def import_once(path: Path) -> dict[str, float]:
    """In this (fresh) process: import the file into a fresh database; seconds and peak resident memory."""
    from littlegiant.enterprises.importing import import_filings

    fresh_database()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = None
    if path.stat().st_size:
        with path.open("rb") as handle:
            report = import_filings(handle, path.name, by=None)
    elapsed = time.perf_counter() - started
    if report is not None and not report.ok:
        raise SystemExit(f"benchmark file has problems: {report.problems[:3]}")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": elapsed, "rss_before_kib": before, "rss_peak_kib": after}


def run_in_child(path: Path) -> dict[str, float]:
    """Each import runs in its own process, so that its peak memory is its own."""
    output = subprocess.check_output(
        [sys.executable, __file__, "--one", str(path)], env={**os.environ, "BENCH_WORK": str(WORK)}, cwd=ROOT
    )
    return json.loads(output.decode().strip().splitlines()[-1])


def main() -> None:
    setup_django()
    migrate_template()
    results: list[tuple[int, float, float, float, float]] = []
    try:
        empty = WORK / "empty.csv"
        empty.write_bytes(b"")
        baseline_kib = run_in_child(empty)["rss_peak_kib"]  # Django, settings and an idle import: the floor
        for size in SIZES:
            path = WORK / f"filings-{size}.csv"
            write_csv(path, size)
            runs = [run_in_child(path) for _ in range(REPEATS if size <= 10_000 else 1)]
            path.unlink()
            seconds = [run["seconds"] for run in runs]
            median = statistics.median(seconds)
            p95 = statistics.quantiles(seconds, n=20)[18] if len(seconds) > 1 else seconds[0]
            peak_mib = max(run["rss_peak_kib"] for run in runs) / 1024
            results.append((size, median, p95, size / median, peak_mib))
            print(f"  {size:>7} rows: {median:.2f} s, peak {peak_mib:.1f} MiB", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

    base_rate = results[0][3]
    base_peak = results[0][4]
    print(
        f"Import of annual filings into SQLite (CSV, all columns; median of {REPEATS} runs up to 10,000 rows)"
    )
    print()
    print(
        "| rows | median s | p95 s | rows/s | × rate vs first | peak RSS MiB | above idle | × peak vs first |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, median, p95, rate, peak in results:
        print(
            f"| {size:,} | {median:.2f} | {p95:.2f} | {rate:,.0f} | {rate / base_rate:.2f} "
            f"| {peak:.0f} | {peak - baseline_kib / 1024:.1f} | {peak / base_peak:.2f} |"
        )
    print()
    print(f"Idle process (Django, reference lookups not yet loaded): {baseline_kib / 1024:.0f} MiB resident.")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        WORK = Path(os.environ["BENCH_WORK"])
        TEMPLATE_DB = WORK / "template.sqlite3"
        setup_django()
        print(json.dumps(import_once(Path(sys.argv[2]))))
    else:
        main()
