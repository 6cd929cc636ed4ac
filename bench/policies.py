"""Policy matching benchmark (issue 12): one enterprise against 200 policies, and a policy's 免申即享 list over
a synthetic file, each against a baseline measured in the same run.

- matching: `policies.matching.match_policy` over 200 policies (conditions of one to three rules over fields,
  titles and the size class; gaps searched for the unmet ones) for one enterprise, p50 over BENCH_CALLS calls;
  the enterprise's standing (size class, titles) made once per call, as `match_enterprise` does;
  baseline: `assess_record` of the same enterprise with the four 2022 packs (the self-assessment's cost).
  Target: p50 under 50 ms.
- 免申即享: `policies.batch.qualifying_file` for one policy (three conditions, the size class among them) over
  BENCH_ROWS synthetic enterprises (bench/synthetic.py); baseline: `assess_file` with one pack
  (cn.miit.innovative-sme.2022, with the size pack it uses) over the same file. Target: within 2x.

Usage: ``.venv/bin/python bench/policies.py``. Environment: BENCH_ROWS=1000000 BENCH_REPEATS=3 BENCH_CALLS=50
BENCH_OUT=bench/out BENCH_PARTS=matching,batch (either alone to time one). Prints a Markdown table of medians, the ratios and the load average.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))
os.environ.setdefault("LITTLEGIANT_TESTING", "true")
os.environ.setdefault("DATABASE_URL", "")

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
CALLS = int(os.environ.get("BENCH_CALLS", "50"))
PARTS = os.environ.get("BENCH_PARTS", "matching,batch").split(",")
OUT = Path(os.environ.get("BENCH_OUT", BENCH / "out"))
PACK = "cn.miit.innovative-sme.2022"
FOUR_PACKS = ("cn.miit.sme-size.2011", "cn.miit.innovative-sme.2022", "cn.miit.srdi-sme.2022",
              "cn.miit.little-giant.2022")  # fmt: skip
TARGET_P50_MS = 50.0
TARGET_RATIO = 2.0

TEMPLATES = [
    [("研发", "rd_expense >= {a}")],
    [("研发强度", "rd_expense / operating_revenue >= 0.0{b}"), ("中小企业", "size_sme")],
    [("人数", "employees <= {c}"), ("资产", "total_assets <= {a}0"), ("数字化", "digital_level >= 2")],
    [("小巨人", "title_little_giant OR title_srdi_sme")],
    [("知识产权", "ip_class1 >= {d}"), ("品牌", "own_brand AND standards_participation")],
    [("增长", "operating_revenue >= operating_revenue_prev * 1.{b}"), ("小微", "size_small OR size_micro")],
]


def _policies(count: int):
    from littlegiant.policies.models import Policy

    now = dt.datetime(2026, 12, 3, tzinfo=dt.UTC)
    found = []
    for index in range(count):
        template = TEMPLATES[index % len(TEMPLATES)]
        values = {
            "a": 1_000_000 + 250_000 * index,
            "b": 1 + index % 5,
            "c": 100 + 10 * index,
            "d": 1 + index % 9,
        }
        conditions = [{"label": label, "expression": text.format(**values)} for label, text in template]
        found.append(Policy(pk=index + 1, title=f"政策{index}", issuer="示意", level="national", conditions=conditions,
                            benefit_kind="computed_amount", benefit_expression="LEAST(rd_expense * 0.05, 500000)",
                            valid_from=dt.date(2026, 1, 1), updated_at=now))  # fmt: skip
    return found


def _record() -> dict[str, object]:
    from littlegiant.enterprises.credit_code import make_credit_code
    from tests.cast import good_filing_values

    return {"credit_code": make_credit_code("91", "330106", "MA2H7K3L"), "region_code": "330106", "industry_code": "3973", "year": 2025,
            **good_filing_values(), "application_kind": "new"}  # fmt: skip


def bench_matching() -> dict[str, float]:
    from littlegiant.policies.matching import Standing, match_policy
    from littlegiant.rules import assess_record, registry
    from littlegiant.rules.evaluation import evaluate_pack

    policies = _policies(200)
    record = _record()

    def standing() -> Standing:
        size = evaluate_pack(registry.get("cn.miit.sme-size.2011"), record).outcome
        values = {"title_innovative_sme": True, "title_srdi_sme": False, "title_little_giant": False}
        values.update({f"size_{s}": size == s for s in ("large", "medium", "small", "micro")})
        values["size_sme"] = size != "large"
        return Standing(values, size)

    def match_all() -> list:
        # One standing per enterprise (its titles and size), as `match_enterprise` makes it, then every policy.
        held = standing()
        return [match_policy(p, record, held) for p in policies]

    for _ in range(3):  # warm: packs built once per policy version, as in a long-running server
        match_all()
    matching, baseline, matching_cpu, baseline_cpu = [], [], [], []
    for _ in range(CALLS):
        started, cpu = time.perf_counter(), time.process_time()
        results = match_all()
        matching.append((time.perf_counter() - started) * 1000)
        matching_cpu.append((time.process_time() - cpu) * 1000)
        started, cpu = time.perf_counter(), time.process_time()
        assess_record(record, FOUR_PACKS, evaluation_date=dt.date(2026, 12, 3))
        baseline.append((time.perf_counter() - started) * 1000)
        baseline_cpu.append((time.process_time() - cpu) * 1000)
    standings = {s: sum(r.standing == s for r in results) for s in ("qualifies", "within_reach", "undecided",
                                                                     "not_qualified")}  # fmt: skip
    print(f"standings of the 200 policies: {standings}")
    return {"p50": statistics.median(matching), "p95": sorted(matching)[int(0.95 * len(matching)) - 1],
            "baseline_p50": statistics.median(baseline), "cpu_p50": statistics.median(matching_cpu),
            "baseline_cpu_p50": statistics.median(baseline_cpu)}  # fmt: skip


def bench_batch() -> dict[str, float]:
    from synthetic import write_enterprises

    from littlegiant.policies.batch import qualifying_file
    from littlegiant.policies.conditions import parse_conditions
    from littlegiant.rules import assess_file

    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"enterprises_{ROWS}.parquet"
    if not source.exists():
        started = time.perf_counter()
        write_enterprises(source, ROWS)
        print(f"wrote {source} in {time.perf_counter() - started:.1f} s")
    conditions = parse_conditions([
        {"label": "研发", "expression": "rd_expense >= 1000000"},
        {"label": "研发强度", "expression": "rd_expense / operating_revenue >= 0.03"},
        {"label": "中小企业", "expression": "size_sme"},
    ])  # fmt: skip
    policy_times, pack_times, listed = [], [], 0
    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        for _ in range(REPEATS):
            started = time.perf_counter()
            listed = qualifying_file(conditions, source, Path(scratch) / "qualifying.parquet")
            policy_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            assess_file(source, Path(scratch) / "assessed.parquet", [PACK])
            pack_times.append(time.perf_counter() - started)
    print(f"qualifying enterprises: {listed:,} of {ROWS:,}")
    return {"policy": statistics.median(policy_times), "pack": statistics.median(pack_times)}


def main() -> int:
    from littlegiant.django_setup import setup_django

    setup_django()
    load_before = os.getloadavg()
    matching = bench_matching() if "matching" in PARTS else None
    batch = bench_batch() if "batch" in PARTS else None
    load_after = os.getloadavg()
    print()
    print("| measurement | median | baseline (same run) | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    if matching is not None:
        print(f"| match 1 enterprise × 200 policies (p50; p95 {matching['p95']:.1f} ms) | {matching['p50']:.1f} ms | "
              f"assess_record, 4 packs: {matching['baseline_p50']:.1f} ms | "
              f"{matching['p50'] / matching['baseline_p50']:.2f} | p50 < {TARGET_P50_MS:.0f} ms | "
              f"{'yes' if matching['p50'] < TARGET_P50_MS else 'NO'} |")  # fmt: skip
        print(f"| the same, CPU time (p50) | {matching['cpu_p50']:.1f} ms | "
              f"assess_record, 4 packs: {matching['baseline_cpu_p50']:.1f} ms | "
              f"{matching['cpu_p50'] / matching['baseline_cpu_p50']:.2f} | | |")  # fmt: skip
    if batch is not None:
        ratio = batch["policy"] / batch["pack"]
        print(f"| 免申即享 list, 1 policy × {ROWS:,} enterprises | {batch['policy']:.2f} s | "
              f"assess_file, {PACK}: {batch['pack']:.2f} s | {ratio:.2f} | ≤ {TARGET_RATIO:.0f}× | "
              f"{'yes' if ratio <= TARGET_RATIO else 'NO'} |")  # fmt: skip
    print(f"\nload average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} ({os.cpu_count()} cores)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
