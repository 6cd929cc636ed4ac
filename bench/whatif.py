"""Policy what-if benchmark (issue 13: "a what-if over 1 million enterprises within 2× the time of assessing the
same pack over the same file").

Writes N synthetic enterprises (bench/synthetic.py, seed 2026) and times, alternately and BENCH_REPEATS times:

- baseline: `assess_file` of the SRDI 2022 pack over the file (outcome, score and per-criterion columns);
- what-if: `rules.variants.compare_file` of the SRDI 2022 pack against a variant raising the revenue threshold
  (附件2 认定条件3, 1000万 → 1500万) over the same file, writing the movers with the criteria that moved them;
- comparison: `compare_file` of SRDI 2022 against SRDI 2026 over the same file (the built-in comparison).

Both engines run in this process with the same DuckDB thread count. Prints a Markdown table of medians, the
ratio of each to the baseline (target ≤ 2.0) and the load average. The Django side of a run (exporting the
registry from the database, storing the movers) is not timed here: the screening has the same export.

Usage: ``.venv/bin/python bench/whatif.py``; BENCH_WHATIF_ROWS=1000000, BENCH_REPEATS=3, BENCH_OUT=bench/out.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from synthetic import write_enterprises  # noqa: E402

from littlegiant.rules import assess_file, registry  # noqa: E402
from littlegiant.rules.variants import compare_file, make_variant  # noqa: E402

ROWS = int(os.environ.get("BENCH_WHATIF_ROWS", "1000000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
OUT = Path(os.environ.get("BENCH_OUT", BENCH / "out"))
TARGET_RATIO = 2.0
SRDI_2022, SRDI_2026 = "cn.miit.srdi-sme.2022", "cn.miit.srdi-sme.2026"


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"whatif_{ROWS}.parquet"
    if not source.exists():
        seconds, _ = timed(lambda: write_enterprises(source, ROWS))
        print(f"wrote {ROWS:,} enterprises in {seconds:.1f} s", file=sys.stderr)
    base = registry.get(SRDI_2022)
    variant = make_variant(base, {"criterion.revenue_condition.test.1": "15000000"})
    other = registry.get(SRDI_2026)
    phases = {
        "baseline": lambda: assess_file(source, OUT / "whatif_assessed.parquet", [SRDI_2022]),
        "whatif": lambda: compare_file(source, OUT / "whatif_movers.parquet", base, variant),
        "comparison": lambda: compare_file(source, OUT / "whatif_compared.parquet", base, other),
    }
    timings: dict[str, list[float]] = {name: [] for name in phases}
    found: dict[str, object] = {}
    loads = []
    for _ in range(REPEATS):
        for name, action in phases.items():
            seconds, result = timed(action)
            timings[name].append(seconds)
            found[name] = result
            loads.append(os.getloadavg()[0])
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"\n### Policy what-if over {ROWS:,} synthetic enterprises ({REPEATS} runs each, medians)\n")
    print("| phase | median s | runs s | ratio to baseline | target |")
    print("|---|---:|---|---:|---|")
    for name, label in (
        ("baseline", "assess_file, SRDI 2022 (baseline)"),
        ("whatif", "what-if: SRDI 2022 vs revenue threshold 1500万"),
        ("comparison", "comparison: SRDI 2022 vs SRDI 2026"),
    ):
        ratio = medians[name] / medians["baseline"]
        target = (
            "—" if name == "baseline" else f"≤ {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'MISSED'}"
        )
        runs = ", ".join(f"{v:.2f}" for v in timings[name])
        print(f"| {label} | {medians[name]:.2f} | {runs} | {ratio:.2f} | {target} |")
    whatif, comparison = found["whatif"], found["comparison"]
    print(
        f"\nmovers: what-if {whatif.movers:,} of {whatif.rows:,}; comparison {comparison.movers:,} of {comparison.rows:,}"
    )
    print(
        f"load average (1 min) during the runs: median {statistics.median(loads):.2f}, max {max(loads):.2f}; "
        f"now {', '.join(f'{v:.2f}' for v in os.getloadavg())}; cores {os.cpu_count()}"
    )
    worst = max(medians["whatif"], medians["comparison"]) / medians["baseline"]
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
