"""F2/F7 of the security review: `1e300000` and 5,000-digit numbers are refused by their size, naming the field.

`int(Decimal("1e300000"))` held the GIL for 2.6 s (31 s for 1e1000000) and a 5,000-digit string made int()
raise a ValueError (a 500). The spy below fails the test if a huge number ever reaches int(): the refusal must
come from the bound, before any conversion, whatever the way in (API, import file, form).
"""

import builtins
import io
import json
from decimal import Decimal

import pytest
from django.utils import translation

from littlegiant.enterprises import filing_values
from littlegiant.enterprises.filing_values import parse_filing_values
from littlegiant.enterprises.forms import FilingForm
from littlegiant.enterprises.importing import import_filings
from littlegiant.enterprises.models import AnnualFiling
from tests.enterprises.conftest import csv_bytes, filing_row

pytestmark = pytest.mark.django_db

EXPONENT = "1e300000"
DIGITS = "1" * 5000


class _IsInt(type):
    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, builtins.int)


class GuardedInt(metaclass=_IsInt):
    """Stands in for int() inside filing_values: int() of more than 18 digits is the arithmetic to prevent."""

    def __new__(cls, value=0, *args):
        if isinstance(value, Decimal) and value.is_finite() and value and value.adjusted() > 18:
            raise AssertionError(f"int() was asked to convert {value:.3e}")
        return builtins.int(value, *args)


@pytest.fixture(autouse=True)
def no_huge_conversion(monkeypatch):
    monkeypatch.setattr(filing_values, "int", GuardedInt, raising=False)


@pytest.mark.parametrize(
    "raw", [EXPONENT, DIGITS, "-1e19", 10**5000], ids=["1e300000", "5000 digits", "-1e19", "int"]
)
def test_the_parser_refuses_them_naming_the_field(raw):
    # English messages, whatever language an earlier test in this worker left active.
    with translation.override("en"):
        values, problems = parse_filing_values({"employees": raw, "operating_revenue": raw})
    assert values == {}
    assert set(problems) == {"employees", "operating_revenue"}
    assert all("too" in message for message in problems.values()), problems


def test_an_ordinary_number_still_reads(settings):
    values, problems = parse_filing_values(
        {"employees": "1234", "operating_revenue": "12.50", "net_profit": "-3"}
    )
    assert problems == {}
    assert values == {"employees": 1234, "operating_revenue": Decimal("12.50"), "net_profit": Decimal(-3)}


def test_a_number_with_thousands_separators_is_refused_saying_so(settings):
    # enterprise-data.md: "Money is in **yuan** (元), a plain number"; the engine's parser reads no separators,
    # and the filing reads numbers with the engine's parser (issue 10), so "1,234" is refused, saying why.
    with translation.override("en"):
        values, problems = parse_filing_values({"employees": "1,234"})
    assert values == {}
    assert problems == {"employees": "write the number plainly, without thousands separators"}


@pytest.mark.parametrize("raw", [EXPONENT, DIGITS], ids=["1e300000", "5000 digits"])
def test_the_api_answers_422_naming_the_field(client, alice, alpha, raw):
    client.force_login(alice)
    response = client.put(
        f"/api/enterprises/{alpha.pk}/filings/2025",
        json.dumps({"employees": raw}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422, response.content
    assert "employees" in [error["field"] for error in response.json()["errors"]]


def test_a_reviewer_without_the_edit_right_is_refused_before_the_values_are_read(
    client, hangzhou_reviewer, alpha, monkeypatch
):
    def must_not_parse(raw):
        raise AssertionError("the values were parsed before the permission check")

    monkeypatch.setattr("littlegiant.enterprises.api.parse_filing_values", must_not_parse)
    client.force_login(hangzhou_reviewer)
    response = client.put(
        f"/api/enterprises/{alpha.pk}/filings/2025",
        json.dumps({"employees": EXPONENT}),
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize("raw", [EXPONENT, DIGITS], ids=["1e300000", "5000 digits"])
def test_an_import_file_reports_the_cell_and_writes_nothing(raw):
    data = csv_bytes([filing_row(employees=raw)])
    report = import_filings(io.BytesIO(data), "filings.csv", by=None)
    assert not report.ok
    assert [(p.row, p.column) for p in report.problems] == [(2, "employees")]
    assert not AnnualFiling.objects.filter(enterprise__credit_code=filing_row()["credit_code"]).exists()


@pytest.mark.parametrize("raw", [EXPONENT, DIGITS], ids=["1e300000", "5000 digits"])
def test_the_web_form_refuses_them_naming_the_field(raw):
    form = FilingForm(data={"employees": raw, "operating_revenue": raw})
    assert not form.is_valid()
    assert {"employees", "operating_revenue"} <= set(form.errors)
