"""Public notice: anyone may object (rate-limited); every objection is resolved before recognition."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from littlegiant.recognition import services
from littlegiant.recognition.models import ApplicationStatus, Objection


def _on_notice(application, reviewer):
    services.pass_stage(application, by=reviewer)
    application.refresh_from_db()
    services.draw_spot_checks(application.current_stage, by=reviewer, sample_size=1, seed=7)
    services.record_spot_check(
        application.spot_checks.get(), by=reviewer, result="consistent", findings="as declared"
    )
    return services.publish_notice(application.current_stage, by=reviewer)


def test_the_notice_cannot_conclude_with_an_open_objection(client, submitted, hangzhou_reviewer):
    notice = _on_notice(submitted, hangzhou_reviewer)
    response = client.post(
        f"/recognition/notices/{notice.pk}/",
        {
            "entry": notice.entries.get().pk,
            "name": "张三",
            "contact": "13800000000",
            "text": "专利与主导产品无关",
        },
    )
    assert response.status_code == 302
    notice.starts_on = notice.starts_on - dt.timedelta(days=10)
    notice.ends_on = notice.ends_on - dt.timedelta(days=10)
    notice.save()
    with translation.override("en"), pytest.raises(PermissionDenied, match="objections are not resolved"):
        services.conclude_notice(notice, by=hangzhou_reviewer)
    services.resolve_objection(
        Objection.objects.get(),
        by=hangzhou_reviewer,
        resolution="专利证书已核实，与主导产品相关。",
        upheld=False,
    )
    services.conclude_notice(notice, by=hangzhou_reviewer)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW
    assert submitted.current_stage.level == "provincial"


def test_objections_from_one_address_are_rate_limited(client, submitted, hangzhou_reviewer):
    notice = _on_notice(submitted, hangzhou_reviewer)
    entry = notice.entries.get()
    data = {"entry": entry.pk, "name": "李四", "contact": "li@example.cn", "text": "异议"}
    statuses = [client.post(f"/recognition/notices/{notice.pk}/", data).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Objection.objects.count() == 5


def test_an_objection_needs_contact_details(client, submitted, hangzhou_reviewer):
    notice = _on_notice(submitted, hangzhou_reviewer)
    response = client.post(
        f"/recognition/notices/{notice.pk}/",
        {"entry": notice.entries.get().pk, "name": "王五", "contact": "", "text": "异议"},
    )
    assert response.status_code == 400
    assert not Objection.objects.exists()


def test_the_notice_page_is_public(client, submitted, hangzhou_reviewer):
    notice = _on_notice(submitted, hangzhou_reviewer)
    page = client.get("/recognition/notices/").content.decode()
    assert submitted.enterprise.name in page
    assert client.get(f"/recognition/notices/{notice.pk}/").status_code == 200
