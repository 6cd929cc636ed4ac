"""Run the OpenFisca baseline (bench/openfisca_smes) over a Parquet file of enterprises; write its outcomes.

Runs in bench/.venv-openfisca (OpenFisca-Core 46), never in littlegiant's environment. Reads the file in
chunks of rows, as an OpenFisca user does for a population too big for one comfortable simulation; an
empty cell becomes the variable's default (0 or False), since OpenFisca has no unknown value.

Usage: ``bench/.venv-openfisca/bin/python bench/openfisca_run.py IN.parquet OUT.parquet [--chunk-rows N]``
Prints one JSON line with the seconds spent, for bench/assess.py.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openfisca_core.simulation_builder import SimulationBuilder  # noqa: E402
from openfisca_smes import CountryTaxBenefitSystem  # noqa: E402
from openfisca_smes.variables.inputs import RdInstitutionLevel  # noqa: E402

PERIOD = "2025"
MONEY = (
    "operating_revenue",
    "main_business_revenue",
    "main_business_revenue_prev",
    "total_assets",
    "total_liabilities",
    "rd_expense",
    "equity_financing_3y",
)
COUNTS = (
    "employees",
    "ip_class1",
    "ip_class1_self_developed",
    "ip_class1_high_value",
    "ip_class2",
    "provincial_award_best_rank_3y",
    "national_award_best_rank_3y",
)
FLAGS = (
    "main_product_strategic_emerging",
    "innovation_honour_valid",
    "independent_legal_person",
    "listed_abnormal_or_dishonest",
    "restricted_industry",
    "incident_or_violation_3y",
)
OUTPUTS_INT = (
    "innovative_ip_points",
    "innovative_rd_points",
    "innovative_growth_points",
    "innovative_debt_points",
    "innovative_field_points",
    "innovative_share_points",
    "innovative_innovation_score",
    "innovative_growth_score",
    "innovative_specialisation_score",
    "innovative_score",
)
INSTITUTION_LEVELS = pa.array([level.name for level in RdInstitutionLevel])


def simulate(system: CountryTaxBenefitSystem, batch: pa.RecordBatch) -> pa.Table:
    """One OpenFisca simulation over a batch of enterprises; returns the outcomes of both packs."""
    rows = batch.num_rows
    simulation = SimulationBuilder.build_default_simulation(system, rows)
    # OpenFisca stores float variables as float32: this cast is where 19,999,999 yuan becomes 20,000,000.
    for name in MONEY:
        values = pc.fill_null(batch.column(name).cast(pa.float64()), 0.0)
        simulation.set_input(name, PERIOD, values.to_numpy().astype(np.float32))
    for name in COUNTS:
        simulation.set_input(name, PERIOD, pc.fill_null(batch.column(name), 0).to_numpy().astype(np.int32))
    for name in FLAGS:
        simulation.set_input(
            name, PERIOD, pc.fill_null(batch.column(name), False).to_numpy(zero_copy_only=False)
        )
    industry_class = pc.cast(pc.fill_null(batch.column("industry_code"), "0000"), pa.int32()).to_numpy()
    simulation.set_input("industry_class", PERIOD, industry_class)
    simulation.set_input("industry_division", PERIOD, industry_class // 100)
    level = pc.fill_null(pc.index_in(batch.column("rd_institution_level"), value_set=INSTITUTION_LEVELS), 0)
    simulation.set_input("rd_institution_level", PERIOD, level.to_numpy().astype(np.int16))

    columns: dict[str, pa.Array] = {"credit_code": batch.column("credit_code")}
    columns["size_class"] = pa.array(simulation.calculate("size_class", PERIOD).decode_to_str())
    qualified = simulation.calculate("innovative_sme", PERIOD)
    columns["innovative_outcome"] = pa.array(np.where(qualified, "qualified", "not_qualified"))
    columns["innovative_score_route"] = pa.array(simulation.calculate("innovative_score_route", PERIOD))
    columns["innovative_direct_route"] = pa.array(simulation.calculate("innovative_direct_route", PERIOD))
    for name in OUTPUTS_INT:
        columns[name] = pa.array(simulation.calculate(name, PERIOD).astype(np.int32))
    return pa.table(columns)


def run(source: Path, target: Path, chunk_rows: int) -> dict[str, float]:
    """Assess every enterprise of `source` with OpenFisca and write the outcomes to `target`."""
    started = time.perf_counter()
    system = CountryTaxBenefitSystem()
    loaded = time.perf_counter()
    needed = ["credit_code", "industry_code", "rd_institution_level", *MONEY, *COUNTS, *FLAGS]
    rows = 0
    with pq.ParquetFile(source) as reader:
        writer: pq.ParquetWriter | None = None
        for batch in reader.iter_batches(batch_size=chunk_rows, columns=needed):
            table = simulate(system, batch)
            if writer is None:
                writer = pq.ParquetWriter(target, table.schema)
            writer.write_table(table)
            rows += batch.num_rows
        if writer is not None:
            writer.close()
    finished = time.perf_counter()
    return {"rows": rows, "seconds": finished - started, "system_seconds": loaded - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--chunk-rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # "Unable to load package metadata": the package is not pip-installed
    print(json.dumps(run(args.source, args.target, args.chunk_rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
