"""A municipal reviewer of Hangzhou never sees a Ningbo enterprise: not in the list, page, export or API."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def hangzhou(client, hangzhou_reviewer, alpha, beta):
    client.force_login(hangzhou_reviewer)
    return client


def test_the_list_shows_hangzhou_only(hangzhou, alpha, beta):
    page = hangzhou.get(reverse("enterprises:list")).content.decode()
    assert alpha.name in page and beta.name not in page


def test_filtering_by_ningbo_shows_nothing(hangzhou, beta):
    page = hangzhou.get(reverse("enterprises:list"), {"region": "330200"}).content.decode()
    assert beta.name not in page


def test_the_ningbo_profile_is_not_found(hangzhou, alpha, beta):
    assert hangzhou.get(reverse("enterprises:detail", args=[beta.pk])).status_code == 404
    assert hangzhou.get(reverse("enterprises:detail", args=[alpha.pk])).status_code == 200


def test_the_csv_export_holds_hangzhou_only(hangzhou, alpha, beta):
    response = hangzhou.get(reverse("enterprises:export"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert alpha.credit_code in text and beta.credit_code not in text


def test_the_xlsx_export_holds_hangzhou_only(hangzhou, alpha, beta):
    response = hangzhou.get(reverse("enterprises:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == [alpha.credit_code]


def test_the_api_list_and_detail_hold_hangzhou_only(hangzhou, alpha, beta):
    listed = hangzhou.get("/api/enterprises/").json()
    assert [item["credit_code"] for item in listed["results"]] == [alpha.credit_code]
    assert hangzhou.get(f"/api/enterprises/{beta.pk}").status_code == 404
    assert hangzhou.get(f"/api/enterprises/{alpha.pk}").status_code == 200


def test_the_api_export_holds_hangzhou_only(hangzhou, alpha, beta):
    response = hangzhou.get("/api/enterprises/export", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert alpha.credit_code in text and beta.credit_code not in text


def test_the_provincial_reviewer_sees_both(client, provincial_reviewer, alpha, beta):
    client.force_login(provincial_reviewer)
    page = client.get(reverse("enterprises:list")).content.decode()
    assert alpha.name in page and beta.name in page
