"""Where a cluster holds (or applies for) a title, the recognition pages that named the enterprise name the cluster
and its county instead of leaving the holder blank (a cluster has no credit code, criteria.md §8.2): the public
notices, a notice, the notice's management, the selection for a notice and for recognition, the recognised list,
the title's page, the public verification, the certificate's identity line and the review queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from littlegiant.recognition import services
from littlegiant.recognition.services.clusters import start_cluster_application, submit_cluster_application
from tests.clusters.conftest import cluster_programme, make_cluster

NAME, COUNTY = "西湖光电集群", "西湖区"


@pytest.fixture
def passed(xihu_officer, provincial_reviewer, national_reviewer):
    """A cluster's application the ministry has passed, waiting for the public notice."""
    programme = cluster_programme()
    cluster = make_cluster(xihu_officer, NAME)
    application = submit_cluster_application(
        start_cluster_application(programme, cluster, by=xihu_officer), by=xihu_officer, pledge=True
    )
    services.pass_stage(application, by=provincial_reviewer)
    application.refresh_from_db()
    services.pass_stage(application, by=national_reviewer)
    application.refresh_from_db()
    return application


@pytest.fixture
def noticed(passed, national_reviewer):
    return services.publish_notice(passed.current_stage, by=national_reviewer)


@pytest.fixture
def concluded(noticed, national_reviewer):
    noticed.starts_on = noticed.ends_on = timezone.localdate() - dt.timedelta(days=10)
    noticed.save()
    services.conclude_notice(noticed, by=national_reviewer)
    return noticed


@pytest.fixture
def title(concluded, national_reviewer):
    services.recognise(concluded.programme, by=national_reviewer)
    return concluded.programme.applications.get().recognition


def names_the_cluster(response) -> bool:
    body = response.content.decode()
    return response.status_code == 200 and NAME in body and COUNTY in body


def test_the_public_notices_name_the_cluster_and_county(noticed, client):
    assert names_the_cluster(client.get("/recognition/notices/"))


def test_a_public_notice_names_the_cluster_county_and_main_industry(noticed, client):
    response = client.get(f"/recognition/notices/{noticed.pk}/")
    assert names_the_cluster(response)
    assert "<td>—</td>" in response.content.decode()  # no credit code for a cluster


def test_the_notice_management_names_the_cluster(noticed, national_reviewer, client):
    client.force_login(national_reviewer)
    assert NAME in client.get(f"/recognition/notices/{noticed.pk}/manage/").content.decode()


def test_the_selection_for_a_notice_names_the_cluster_and_county(passed, national_reviewer, client):
    client.force_login(national_reviewer)
    assert names_the_cluster(client.get(f"/recognition/stages/{passed.current_stage_id}/notice/"))


def test_the_selection_for_recognition_names_the_cluster_and_county(concluded, national_reviewer, client):
    client.force_login(national_reviewer)
    assert names_the_cluster(client.get(f"/recognition/programmes/{concluded.programme_id}/recognise/"))


def test_the_recognised_list_names_the_cluster_and_county(title, client):
    assert names_the_cluster(client.get("/recognition/recognised/"))


def test_the_title_page_names_the_cluster_and_county(title, xihu_officer, client):
    client.force_login(xihu_officer)
    assert names_the_cluster(client.get(f"/recognition/recognitions/{title.pk}/"))


def test_the_verification_names_the_cluster_and_county(title, client):
    response = client.get(f"/recognition/verify/?code={title.certificate_code}")
    assert names_the_cluster(response)
    assert "Credit code" not in response.content.decode()


def test_the_certificate_names_the_county_instead_of_a_credit_code(title):
    assert title.holder_name == NAME
    assert title.holder_identity_zh == f"所在县级行政区：{COUNTY}"


def test_a_title_written_without_a_name_still_names_the_cluster(title):
    title.enterprise_name = ""
    assert title.holder_name == NAME


def test_the_review_queue_names_the_cluster_and_county(xihu_officer, provincial_reviewer, client):
    programme = cluster_programme()
    cluster = make_cluster(xihu_officer, NAME)
    submit_cluster_application(
        start_cluster_application(programme, cluster, by=xihu_officer), by=xihu_officer, pledge=True
    )
    client.force_login(provincial_reviewer)
    assert names_the_cluster(client.get("/recognition/queue/"))
