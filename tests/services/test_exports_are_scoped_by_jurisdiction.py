"""CSV and XLSX exports of requests and scorecards contain only what the person may see."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from littlegiant.services import services


@pytest.fixture
def two_requests(alice, alpha, xihu_centre, bob, beta, ningbo_centre):
    services.file_request(alpha, by=alice, category="financing", title="阿尔法贷款", description="说明")
    services.file_request(beta, by=bob, category="financing", title="贝塔融资", description="说明")


def _csv(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_request_csv_of_an_enterprise_holds_only_its_own(client, alice, two_requests):
    client.force_login(alice)
    body = _csv(client.get(reverse("services:export_requests", args=["csv"])))
    assert "阿尔法贷款" in body and "贝塔融资" not in body


def test_the_request_xlsx_of_a_city_reviewer_holds_only_the_city(client, hangzhou_reviewer, two_requests):
    client.force_login(hangzhou_reviewer)
    response = client.get(reverse("services:export_requests", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["阿尔法贷款"]


def test_the_scorecard_csv_of_a_city_reviewer_holds_only_the_citys_institutions(
    client, hangzhou_reviewer, two_requests, hangzhou_centre
):
    client.force_login(hangzhou_reviewer)
    body = _csv(client.get(reverse("services:export_scorecards", args=["csv"])))
    assert "西湖区中小企业服务站" in body and "杭州市中小企业服务中心" in body
    assert "宁波市中小企业服务中心" not in body and "浙江省" not in body


def test_an_enterprise_cannot_export_scorecards(client, alice):
    client.force_login(alice)
    assert client.get(reverse("services:export_scorecards", args=["csv"])).status_code == 403


def test_an_unknown_format_is_not_found(client, admin):
    client.force_login(admin)
    assert client.get(reverse("services:export_requests", args=["pdf"])).status_code == 404
