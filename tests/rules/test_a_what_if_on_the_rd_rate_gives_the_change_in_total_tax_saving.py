"""Issue 13 item 4 for calculation packs: a what-if that raises the R&D super-deduction rate (the pack's
`rate` parameter, 2023年第7号 第一条: 100%) reports the change in the pack's total amount (its last written
amount, the tax saving, decision D16), equal to the sum of each enterprise's change by the reference
evaluator to the fen."""

import sys
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq

from littlegiant.rules import registry
from littlegiant.rules.assessment import evaluate_records
from littlegiant.rules.variants import compare_file, make_variant, pack_numbers

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from synthetic import write_enterprises  # noqa: E402

RD = "cn.mof.rd-super-deduction.2023"


def _total_saving(records: list[dict], parameters: dict[str, object] | None) -> Decimal:
    results = evaluate_records(records, [RD], engine="python", parameters=parameters)
    return sum((r[RD].written["tax_saving"] or Decimal(0) for r in results), Decimal(0))


def test_raising_the_rate_to_120_percent_changes_the_total_saving_by_the_sum_of_each_change(tmp_path):
    base = registry.get(RD)
    assert "parameter.rate" in {number.key for number in pack_numbers(base)}
    variant = make_variant(base, {"parameter.rate": "1.2"})
    source = write_enterprises(tmp_path / "enterprises.parquet", 2_000, seed=21)

    comparison = compare_file(source, tmp_path / "movers.parquet", base, variant)

    records = pq.read_table(source).to_pylist()
    expected = _total_saving(records, {"rate": "1.2"}) - _total_saving(records, None)
    assert expected > 0  # some enterprises deduct at the general rate and pay tax
    assert comparison.amount_change == expected
