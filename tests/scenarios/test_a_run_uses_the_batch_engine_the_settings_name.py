"""Issue 13, third session: a what-if runs on the batch engine the settings name (ASSESSMENT_ENGINE): DuckDB's
compare_file by default, Spark's compare_file_on_spark when the screening runs on Spark. (That the two find the
same movers is tests/spark/test_spark_and_duckdb_find_the_same_movers_of_a_what_if.py.)"""

from littlegiant.rules import variants
from littlegiant.scenarios import execution, services
from tests.cast import COUNTY_A
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, add_firm, revenue, run_scenario


def test_spark_is_used_when_the_setting_says_so(
    settings, monkeypatch, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    used = []

    def on_spark(*args, **kwargs):
        used.append("spark")
        return variants.compare_file(*args, **kwargs)

    monkeypatch.setattr(execution, "compare_file_on_spark", on_spark)
    add_firm(COUNTY_A, "MA6B0001", "杭州引擎测试有限公司", **revenue("30000000"))
    scenario = services.create_scenario(
        hangzhou_reviewer,
        name="引擎",
        base_pack_id=SRDI_2022,
        year=2025,
        changes={REVENUE_THRESHOLD: "50000000"},
    )
    settings.ASSESSMENT_ENGINE = "duckdb"
    assert (
        run_scenario(hangzhou_reviewer, scenario, django_capture_on_commit_callbacks).summary["losses"] == 1
    )
    assert used == []
    settings.ASSESSMENT_ENGINE = "spark"
    assert (
        run_scenario(hangzhou_reviewer, scenario, django_capture_on_commit_callbacks).summary["losses"] == 1
    )
    assert used == ["spark"]
