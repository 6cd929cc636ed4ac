"""The explanation names, for every criterion: inputs, computed value, band, points, clause and confidence;
and the
pack version and evaluation date."""

import datetime as dt
from decimal import Decimal

from littlegiant.rules import assess_record
from tests.rules.sample import qualifying_enterprise

PACK = "cn.miit.innovative-sme.2022"


def test_the_rd_indicator_shows_its_inputs_value_band_points_and_clause() -> None:
    record = qualifying_enterprise(rd_expense=Decimal(5200000), operating_revenue=Decimal(86000000))
    document = assess_record(record, [PACK], evaluation_date=dt.date(2026, 11, 28))[PACK]
    assert document["schema"] == "littlegiant.explanation/1"
    assert document["pack"]["version"] == "2022.1"
    assert document["evaluated_on"] == "2026-11-28"
    rd = next(c for c in document["criteria"] if c["id"] == "rd_intensity")
    assert rd["inputs"] == {"operating_revenue": "86000000", "rd_expense": "5200000"}
    assert rd["value"] == "0.0604651163"  # 5200000 / 86000000, rounded to 10 places for display only
    assert rd["band"] == {"label": "A. 5%以上", "points": 20}
    assert (rd["points"], rd["max_points"]) == (20, 20)
    assert (rd["clause"], rd["confidence"], rd["kind"]) == ("附件1 评价指标2", "C", "indicator")
    assert document["pack"]["decisions"] == ["D1", "D4", "D5", "D11"]


def test_the_dependency_size_pack_is_included() -> None:
    documents = assess_record(qualifying_enterprise(), [PACK])
    assert documents["cn.miit.sme-size.2011"]["outcome"] == "small"
    sme = next(c for c in documents[PACK]["criteria"] if c["id"] == "sme")
    assert sme["value"] == "small"


def test_a_zero_denominator_is_not_computable_d4() -> None:
    """Decision D4: "the indicator scores 0, a condition that needs it fails, and the explanation says so"."""
    documents = assess_record(
        qualifying_enterprise(operating_revenue=Decimal(0)), [PACK, "cn.miit.srdi-sme.2022"]
    )  # noqa: E501
    rd = next(c for c in documents[PACK]["criteria"] if c["id"] == "rd_intensity")
    assert (rd["points"], rd["value"], rd["band"]) == (0, None, None)
    assert "not computable: denominator is zero" in rd["note"]
    assert "无法计算：分母为零" in rd["note_zh"]
    condition = next(c for c in documents["cn.miit.srdi-sme.2022"]["criteria"] if c["id"] == "rd_condition")
    assert condition["status"] == "unmet"
    assert "not computable" in condition["note"]


def test_declared_criteria_say_declared_to_be_confirmed_d9() -> None:
    """Decision D9: qualitative criteria are declared inputs; the self-assessment shows "declared, to be
    confirmed".
    """
    document = assess_record(qualifying_enterprise(), ["cn.miit.little-giant.2022"])[
        "cn.miit.little-giant.2022"
    ]  # noqa: E501
    chain = next(c for c in document["criteria"] if c["id"] == "chain_key_link")
    assert chain["declared"] is True
    assert "declared, to be confirmed" in chain["note"]
    assert chain["confidence"] == "U"
    direct = next(c for c in document["criteria"] if c["id"] == "innovation_direct_route")
    assert direct["status"] == "not_evaluated"
    assert "Not evaluated" in direct["note"]


def test_the_sql_engine_gives_the_same_documents() -> None:
    record = qualifying_enterprise(
        rd_expense=Decimal("2208000"), operating_revenue=Decimal("86000000"), net_profit=None
    )  # noqa: E501
    day = dt.date(2026, 11, 28)
    assert assess_record(
        record, [PACK, "cn.miit.srdi-sme.2022"], evaluation_date=day, engine="sql"
    ) == assess_record(  # noqa: E501
        record, [PACK, "cn.miit.srdi-sme.2022"], evaluation_date=day, engine="python"
    )
