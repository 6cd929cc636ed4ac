"""Every golden test runs on both engines: DuckDB, and Spark in local mode (one session, one xdist worker)."""

import pytest

from tests.rules import sample

SPARK = pytest.param("spark", marks=[pytest.mark.spark, pytest.mark.xdist_group("spark")])


@pytest.fixture(params=["sql", SPARK], autouse=True)
def engine(request: pytest.FixtureRequest):
    """The engine `sample.decide` runs the compiled SQL on for this test."""
    if request.param == "spark":
        request.getfixturevalue("spark")
    sample.ENGINE = request.param
    yield request.param
    sample.ENGINE = "sql"
