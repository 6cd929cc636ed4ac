"""The county's and the province's pages for a cluster, in a browser at phone width (issue 14; criteria.md §8.2-8.4):
the county SME authority adds a member by its credit code and another from a search of the register, enters the
last three years' output (seeing the trend drawn), files the development report; the province sends it back with
a reason; the county files it again; the province forwards it; the ministry sees it among the forwarded
reports."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.cast import COUNTY_A, PASSWORD, make_enterprise
from tests.clusters.conftest import county_officer
from tests.e2e.conftest import sign_in
from tests.recognition.conftest import ensure_reference_data


def phone(browser, live_server, username: str):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, username, PASSWORD)
    return page


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def cluster(transactional_db):
    from littlegiant.clusters import services
    from littlegiant.reference.models import IndustryClass, Region

    ensure_reference_data()
    officer = county_officer("xihu_officer", COUNTY_A)
    return services.register_cluster(
        by=officer, name="西湖光电仪器特色产业集群", county=Region.objects.get(pk=COUNTY_A),
        main_industry=IndustryClass.objects.get(pk="3973"),
    )  # fmt: skip


def test_the_county_enters_members_and_outputs_and_the_province_forwards_the_report(
    browser, live_server, cluster, provincial_reviewer, national_reviewer
):
    from littlegiant.clusters.models import DevelopmentReport

    first = make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    make_enterprise("西湖精密光电有限公司", COUNTY_A, "A0000002")
    last = timezone.localdate().year - 1

    # Members: one by its credit code, one found in the register of the county.
    county = phone(browser, live_server, "xihu_officer")
    county.goto(f"/clusters/{cluster.pk}/members/")
    county.fill("form.add-member input[name=credit_code]", first.credit_code)
    county.click("form.add-member button[type=submit]")
    county.wait_for_selector("table.cluster-members >> text=西湖光学仪器有限公司")
    county.fill("form.search-register input[name=q]", "精密")
    county.click("form.search-register button[type=submit]")
    county.click("table.register-search form.add-found button[type=submit]")
    county.wait_for_selector("table.cluster-members >> text=西湖精密光电有限公司")
    assert fits(county)

    # Outputs: three years at once; the trend is drawn above the table.
    county.goto(f"/clusters/{cluster.pk}/outputs/")
    for year, total in ((last - 2, 5000000000), (last - 1, 6000000000), (last, 7500000000)):
        county.fill(f"input[name='{year}-total']", str(total))
        county.fill(f"input[name='{year}-sme']", str(total * 8 // 10))
        county.fill(f"input[name='{year}-main_industry']", str(total * 3 // 4))
    assert fits(county)
    county.click("form.cluster-outputs-form button[type=submit]")
    county.wait_for_url(f"**/clusters/{cluster.pk}/")
    county.wait_for_selector("#cluster-trend canvas")
    assert str(last) in county.inner_text("table.cluster-outputs")

    # The report, sent back once and forwarded when filed again.
    county.fill("form.file-report input[name=year]", str(last))
    county.fill("form.file-report textarea[name=text]", "集群产值增长25%。")
    county.click("form.file-report button[type=submit]")
    county.wait_for_selector("section.report-filed")
    province = phone(browser, live_server, "provincial_reviewer")
    province.goto(f"/clusters/{cluster.pk}/")
    province.fill("form.return-report textarea[name=reason]", "请补充主导产业产值占比。")
    province.click("form.return-report button[type=submit]")
    province.wait_for_selector("section.report-returned")
    county.goto(f"/clusters/{cluster.pk}/")
    assert "请补充主导产业产值占比。" in county.inner_text("section.report-returned")
    county.fill("form.file-report input[name=year]", str(last))
    county.fill("form.file-report textarea[name=text]", "集群产值增长25%，主导产业占比75%。")
    county.click("form.file-report button[type=submit]")
    county.wait_for_selector("section.report-filed")
    province.goto(f"/clusters/{cluster.pk}/")
    province.click("form.forward-report button[type=submit]")
    province.wait_for_selector("section.report-forwarded")
    assert fits(province)

    ministry = phone(browser, live_server, "national_reviewer")
    ministry.goto("/clusters/reports/")
    assert "西湖光电仪器特色产业集群" in ministry.inner_text("table.cluster-reports")
    report = DevelopmentReport.objects.get(cluster=cluster, year=last)
    assert report.status == "forwarded" and report.text == "集群产值增长25%，主导产业占比75%。"
