"""Run every benchmark script in bench/ in turn, each printing its own table; `make bench` calls this.

A benchmark script is any bench/*.py except this runner and the modules the benchmarks use. Each runs in its
own process from the repository root, with BENCH_SIZES and BENCH_OUT passed through. One failing benchmark
does not stop the others; the exit status says whether all passed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
NOT_BENCHMARKS = {"run.py", "synthetic.py", "openfisca_run.py", "bench_database.py"}


def benchmark_scripts() -> list[Path]:
    """The benchmark scripts, in name order."""
    return sorted(
        path
        for path in BENCH.glob("*.py")
        if path.name not in NOT_BENCHMARKS and not path.name.startswith("_")
    )


def main() -> int:
    os.environ.setdefault("BENCH_OUT", str(BENCH / "out"))
    Path(os.environ["BENCH_OUT"]).mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    for script in benchmark_scripts():
        print(f"\n## {script.relative_to(ROOT)}\n", flush=True)
        started = time.perf_counter()
        returncode = subprocess.call([sys.executable, str(script)], cwd=ROOT)
        elapsed = time.perf_counter() - started
        print(f"\n({script.name}: exit {returncode}, {elapsed:.0f} s)", flush=True)
        if returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nFailed benchmarks: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
