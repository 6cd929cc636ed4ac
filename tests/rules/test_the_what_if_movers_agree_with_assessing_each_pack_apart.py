"""The what-if's one-query comparison agrees with assessing each pack on its own: over synthetic enterprises full
of band edges, unknowns and zero denominators (bench/synthetic.py), the movers compare_file writes are exactly
the enterprises whose outcome differs when

- SRDI 2022 and SRDI 2026 are each assessed by assess_file (the built-in comparison), and
- SRDI 2022 and a variant raising the revenue threshold (附件2 认定条件3, 1000万 → 1500万) are each evaluated by
  the reference evaluator (rules/evaluation.py), record by record.
"""

import sys
from pathlib import Path

import pyarrow.parquet as pq

from littlegiant.rules import assess_file, registry
from littlegiant.rules.evaluation import evaluate_pack
from littlegiant.rules.variants import compare_file, make_variant

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from synthetic import write_enterprises  # noqa: E402

SRDI_2022, SRDI_2026, SIZE = "cn.miit.srdi-sme.2022", "cn.miit.srdi-sme.2026", "cn.miit.sme-size.2011"


def _movers(path: Path) -> dict[str, tuple[str, str]]:
    table = pq.read_table(path).to_pylist()
    return {row["credit_code"]: (row["base_outcome"], row["variant_outcome"]) for row in table}


def _outcomes(path: Path) -> dict[str, str]:
    return {r["credit_code"]: r["outcome"] or "insufficient_data" for r in pq.read_table(path).to_pylist()}


def test_the_2022_and_2026_comparison_equals_two_separate_assessments(tmp_path):
    source = write_enterprises(tmp_path / "enterprises.parquet", 20_000, seed=13)
    compare_file(source, tmp_path / "movers.parquet", registry.get(SRDI_2022), registry.get(SRDI_2026))
    assess_file(source, tmp_path / "a2022.parquet", [SRDI_2022], detail=False)
    assess_file(source, tmp_path / "a2026.parquet", [SRDI_2026], detail=False)
    before, after = _outcomes(tmp_path / "a2022.parquet"), _outcomes(tmp_path / "a2026.parquet")
    expected = {code: (before[code], after[code]) for code in before if before[code] != after[code]}
    assert expected  # the two standards do differ on this registry
    assert _movers(tmp_path / "movers.parquet") == expected


def test_a_variant_equals_the_reference_evaluator_record_by_record(tmp_path):
    source = write_enterprises(tmp_path / "enterprises.parquet", 3_000, seed=14)
    base = registry.get(SRDI_2022)
    variant = make_variant(base, {"criterion.revenue_condition.test.1": "15000000"})
    compare_file(source, tmp_path / "movers.parquet", base, variant)
    size = registry.get(SIZE)
    expected = {}
    for record in pq.read_table(source).to_pylist():
        dependencies = {SIZE: evaluate_pack(size, record)}
        outcomes = (
            evaluate_pack(base, record, dependencies).outcome,
            evaluate_pack(variant, record, dependencies).outcome,
        )
        if outcomes[0] != outcomes[1]:
            expected[record["credit_code"]] = outcomes
    assert expected
    assert _movers(tmp_path / "movers.parquet") == expected
