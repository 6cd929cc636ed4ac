"""The cluster journey in a browser (issue 14; criteria.md §8.2-8.4): the county SME authority applies for its
cluster, the province recommends it within its quota, the ministry publishes the notice and recognises it after
the notice has run, the public sees it on the map of recognised clusters, and a year later the county files the
cluster's development report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.clusters.conftest import cluster_programme, county_officer, make_cluster
from tests.e2e.test_srdi_application_journey import decide, person, recognise
from tests.recognition.conftest import ensure_reference_data


@pytest.fixture
def programme(transactional_db):
    ensure_reference_data()
    return cluster_programme(title="2026年度中小企业特色产业集群")


def test_a_county_applies_the_province_recommends_the_ministry_recognises_and_a_report_follows(
    browser, live_server, programme, provincial_reviewer, national_reviewer
):
    from littlegiant.clusters.models import DevelopmentReport
    from littlegiant.recognition.models import Application, PublicNotice, Recognition

    officer = county_officer("xihu_officer", "330106")
    cluster = make_cluster(officer, "西湖光电仪器特色产业集群")

    # The county SME authority applies for its cluster, signing the pledge.
    county = person(browser, live_server, "xihu_officer")
    county.goto("/")
    county.click("a[href='/recognition/clusters/apply/']")
    county.select_option("form.cluster-apply select[name=cluster]", str(cluster.pk))
    county.select_option("form.cluster-apply select[name=programme]", str(programme.pk))
    county.check("form.cluster-apply input[name=pledge]")
    county.click("form.cluster-apply button[type=submit]")
    county.wait_for_selector("#application-status.status-in_review")
    application = Application.objects.get(cluster=cluster)

    # The province recommends it: the quota page counts it.
    province = person(browser, live_server, "provincial_reviewer")
    province.goto("/recognition/queue/")
    assert cluster.name in province.inner_text("table.queue")
    decide(province, application.pk, "pass", "省级推荐")
    province.wait_for_load_state("networkidle")
    province.wait_for_selector("text=省级推荐")
    province.goto(f"/recognition/programmes/{programme.pk}/")
    assert cluster.name in province.inner_text("body")

    # The ministry passes it to the public notice, publishes it, and recognises it once the notice has run.
    ministry = person(browser, live_server, "national_reviewer")
    decide(ministry, application.pk, "pass", "部级审核通过")
    ministry.wait_for_selector("#application-status.status-stage_passed")
    ministry.goto(f"/recognition/stages/{programme.stages.get(level='national').pk}/")
    ministry.click("a.publish-notice")
    ministry.fill("form.notice-form input[name=issuer]", "工业和信息化部")
    ministry.fill("form.notice-form input[name=contact_phone]", "010-68200000")
    ministry.fill("form.notice-form input[name=objection_address]", "北京市西长安街13号")
    ministry.click("button.preview-notice")
    ministry.wait_for_selector("section.notice-preview")
    ministry.click("button.confirm-notice")
    ministry.wait_for_url("**/notices/*/manage/")
    notice = PublicNotice.objects.get()
    PublicNotice.objects.filter(pk=notice.pk).update(
        starts_on=notice.starts_on - dt.timedelta(days=10), ends_on=notice.ends_on - dt.timedelta(days=10)
    )
    ministry.goto(f"/recognition/notices/{notice.pk}/manage/")
    ministry.click("button.conclude-notice")
    ministry.wait_for_selector(".messages li.success")
    recognise(ministry, programme.pk, "工业和信息化部")
    title = Recognition.objects.get(cluster=cluster)

    # The public sees it on the map of recognised clusters (and in the table below the map).
    visitor = person(browser, live_server, None)
    visitor.goto("/recognition/clusters/")
    visitor.wait_for_selector("#clusters-map canvas, #clusters-map svg")
    assert cluster.name in visitor.inner_text("body")

    # A year later the county files the development report on the year it was recognised.
    Recognition.objects.filter(pk=title.pk).update(
        valid_from=title.valid_from - dt.timedelta(days=366),
        valid_until=title.valid_until - dt.timedelta(days=366),
    )
    year = timezone.localdate().year - 1
    county.goto(f"/clusters/{cluster.pk}/")
    county.fill("form.file-report input[name=year]", str(year))
    county.fill("form.file-report textarea[name=text]", "集群产值增长12%，新增专精特新中小企业3家。")
    county.click("form.file-report button[type=submit]")
    county.wait_for_selector(f"section.report-filed#report-{year}")
    assert DevelopmentReport.objects.filter(
        cluster=cluster, year=year, filed_by__username="xihu_officer"
    ).exists()
