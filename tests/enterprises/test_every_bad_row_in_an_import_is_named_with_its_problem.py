"""A file with bad rows: each problem is reported with the file row, the column, the value and the reason."""

import pytest
from django.utils import translation

from littlegiant.identifiers import make_credit_code
from tests.cast import COUNTY_A
from tests.enterprises.conftest import GAMMA_CODE, csv_bytes, filing_row, problems_of

pytestmark = pytest.mark.django_db

OTHER_CODE = make_credit_code("91", COUNTY_A, "MA5E6F7G")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("changes", "column", "value", "problem"),
    [
        (
            {"credit_code": "91350100M000100Y44"},
            "credit_code",
            "91350100M000100Y44",
            "Invalid credit code: the check character (18th) is 4, expected 3.",
        ),
        (
            {"credit_code": "91350100M00010"},
            "credit_code",
            "91350100M00010",
            "Invalid credit code: must be 18 characters long, not 14.",
        ),
        (
            {"credit_code": "91350100M000100Y53"},
            "credit_code",
            "91350100M000100Y53",
            "Invalid credit code: the organisation code (characters 9-17) has check character 5, expected 4.",
        ),
        ({"region_code": "339999"}, "region_code", "339999", "unknown region code (GB/T 2260)"),
        (
            {"region_code": "330100"},
            "region_code",
            "330100",
            "is not a county-level region: give the county's code",
        ),
        (
            {"industry_code": "9999"},
            "industry_code",
            "9999",
            "unknown industry class: give a 4-digit class (小类) of GB/T 4754-2017",
        ),
        (
            {"industry_code": "39"},
            "industry_code",
            "39",
            "unknown industry class: give a 4-digit class (小类) of GB/T 4754-2017",
        ),
        ({"employees": -3}, "employees", "-3", "cannot be negative"),
        ({"operating_revenue": "-100"}, "operating_revenue", "-100", "cannot be negative"),
        (
            {"national_niche_market_share": "1.2"},
            "national_niche_market_share",
            "1.2",
            "a share is a fraction between 0 and 1 (3 per cent is 0.03)",
        ),
        (
            {"international_niche_market_share": "-0.1"},
            "international_niche_market_share",
            "-0.1",
            "a share is a fraction between 0 and 1 (3 per cent is 0.03)",
        ),
        (
            {"rd_staff": 200, "employees": 180},
            "rd_staff",
            "200",
            "R&D staff (200) cannot exceed persons employed (180)",
        ),
        (
            {"ip_class1_self_developed": 6, "ip_class1": 5},
            "ip_class1_self_developed",
            "6",
            "self-developed Class-I IP (6) cannot exceed all Class-I IP (5)",
        ),
        (
            {"ip_class1_high_value": 7, "ip_class1": 5},
            "ip_class1_high_value",
            "7",
            "high-value Class-I IP (7) cannot exceed all Class-I IP (5)",
        ),
        ({"employees": "many"}, "employees", "many", "is not a whole number"),
        ({"employees": "12.5"}, "employees", "12.5", "is not a whole number"),
        ({"net_profit": "1,2x"}, "net_profit", "1,2x", "is not a number"),
        ({"operating_revenue": "1.234"}, "operating_revenue", "1.234", "has more than 2 decimal places"),
        (
            {"own_brand": "maybe"},
            "own_brand",
            "maybe",
            "is not true or false (also accepted: 1/0, yes/no, 是/否; empty means unknown)",
        ),
        (
            {"main_product_chain_role": "leader"},
            "main_product_chain_role",
            "leader",
            "must be one of: key_link_results, foundation_or_supplier, none",
        ),
        (
            {"rd_institution_level": "county"},
            "rd_institution_level",
            "county",
            "must be one of: none, below_municipal, municipal, provincial, national",
        ),
        ({"digital_level": 5}, "digital_level", "5", "must be at most 4"),
        ({"local_indicator_score": "16"}, "local_indicator_score", "16", "must be at most 15"),
        ({"year": "2025.5"}, "year", "2025.5", "is not a whole number"),
        ({"year": "1800"}, "year", "1800", "must be at least 1949"),
        ({"name": ""}, "name", "", "is required"),
        ({"credit_code": ""}, "credit_code", "", "is required"),
    ],
)
def test_the_bad_cell_is_named(import_csv, changes, column, value, problem):
    bad = filing_row(OTHER_CODE, name="杭州欧米伽科技有限公司")
    bad.update(changes)
    report = import_csv([filing_row(), bad])
    assert not report.ok
    assert [(p.row, p.column, p.value, p.problem) for p in report.problems] == [(3, column, value, problem)]


def test_net_profit_may_be_negative(import_csv):
    report = import_csv([filing_row(net_profit="-1250000.50")])
    assert report.ok, report.problems


@pytest.mark.parametrize(
    ("word", "stored"),
    [
        ("true", True),
        ("1", True),
        ("yes", True),
        ("是", True),
        ("FALSE", False),
        ("0", False),
        ("no", False),
        ("否", False),
    ],
)
def test_booleans_are_read_in_every_accepted_word(import_csv, word, stored):
    from littlegiant.enterprises.models import AnnualFiling

    assert import_csv([filing_row(own_brand=word)]).ok
    assert AnnualFiling.objects.get(enterprise__credit_code=GAMMA_CODE).own_brand is stored


def test_an_empty_cell_is_unknown_not_zero(import_csv):
    from littlegiant.enterprises.models import AnnualFiling

    assert import_csv([filing_row(employees="", own_brand="")]).ok
    filing = AnnualFiling.objects.get(enterprise__credit_code=GAMMA_CODE)
    assert filing.employees is None and filing.own_brand is None


def test_an_unknown_column_is_an_error_not_dropped(import_csv):
    rows = [filing_row()]
    columns = ["credit_code", "name", "region_code", "industry_code", "year", "employees", "staff_count"]
    report = import_csv(rows, columns=columns)
    assert problems_of(report) == [(1, "staff_count", "unknown column: use the canonical field names")]


def test_a_missing_identity_column_is_named(import_csv):
    report = import_csv([filing_row()], columns=["credit_code", "name", "region_code", "year", "employees"])
    assert problems_of(report) == [(1, "industry_code", "missing required column")]


def test_a_second_row_for_the_same_enterprise_and_year_is_refused(import_csv):
    report = import_csv([filing_row(), filing_row(employees=200), filing_row(year=2024)])
    assert problems_of(report) == [(3, "year", "a second row for this enterprise and year (first at row 2)")]


def test_one_credit_code_with_two_names_in_a_file_is_refused(import_csv):
    report = import_csv([filing_row(), filing_row(year=2024, name="杭州伽马机械有限公司")])
    assert problems_of(report) == [
        (3, "name", "this credit code is named “杭州伽马精密机械有限公司” at row 2")
    ]


def test_a_file_that_is_not_csv_or_xlsx_is_refused(import_csv):
    report = import_csv([], raw=b"hello", name="filings.txt")
    assert problems_of(report) == [
        (0, "", "Only .csv (UTF-8) and .xlsx files can be imported, not filings.txt.")
    ]


def test_a_csv_file_that_is_not_utf8_is_refused(import_csv):
    report = import_csv([], raw=csv_bytes([filing_row()]).decode().encode("gb18030"))
    assert problems_of(report) == [
        (0, "", "The file is not UTF-8 text: save it as “CSV UTF-8” and try again.")
    ]


def test_a_header_without_rows_is_refused(import_csv):
    report = import_csv([], columns=["credit_code", "name", "region_code", "industry_code", "year"])
    assert problems_of(report) == [(0, "", "The file has a header but no rows of data.")]


def test_the_messages_are_in_chinese_for_chinese_readers(import_csv):
    with translation.override("zh-hans"):
        report = import_csv([filing_row(employees=-3)])
    assert report.problems[0].problem == "不能为负数"
