"""The public notices list and a notice's page are cached for everyone (recognition/public_pages.py); publishing
a notice shows it on the list at once, and concluding it closes its objection form at once."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from littlegiant.recognition import services
from littlegiant.recognition.models import PublicNotice

ENGLISH = {"accept-language": "en"}


@pytest.fixture
def awaiting_notice(submitted, hangzhou_reviewer):
    services.pass_stage(submitted, by=hangzhou_reviewer)
    submitted.refresh_from_db()
    services.draw_spot_checks(submitted.current_stage, by=hangzhou_reviewer, sample_size=1, seed=1)
    services.record_spot_check(
        submitted.spot_checks.get(), by=hangzhou_reviewer, result="consistent", findings="ok"
    )
    return submitted


def test_a_published_notice_is_on_the_cached_list_at_once(client, awaiting_notice, hangzhou_reviewer):
    assert "No notice is running." in client.get("/recognition/notices/", headers=ENGLISH).content.decode()
    notice = services.publish_notice(awaiting_notice.current_stage, by=hangzhou_reviewer)
    listed = client.get("/recognition/notices/", headers=ENGLISH).content.decode()
    assert notice.title in listed and awaiting_notice.enterprise.name in listed


def test_the_list_is_served_from_the_cache_until_it_changes(client, awaiting_notice, hangzhou_reviewer):
    notice = services.publish_notice(awaiting_notice.current_stage, by=hangzhou_reviewer)
    assert notice.title in client.get("/recognition/notices/").content.decode()
    assert notice.title in client.get(f"/recognition/notices/{notice.pk}/").content.decode()
    # A change behind the services' back (a data fix) shows only when the copy expires or a service forgets it.
    PublicNotice.objects.filter(pk=notice.pk).update(title="改过的标题")
    assert "改过的标题" not in client.get("/recognition/notices/").content.decode()
    assert "改过的标题" not in client.get(f"/recognition/notices/{notice.pk}/").content.decode()


@override_settings(DEMO=True)
def test_a_concluded_notice_closes_its_objection_form_at_once(client, awaiting_notice, hangzhou_reviewer):
    notice = services.publish_notice(
        awaiting_notice.current_stage,
        by=hangzhou_reviewer,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )
    page = client.get(f"/recognition/notices/{notice.pk}/", headers=ENGLISH).content.decode()
    assert "Lodge the objection" in page and awaiting_notice.enterprise.name in page
    notice = services.end_notice_period_for_demo(notice, by=hangzhou_reviewer)
    services.conclude_notice(notice, by=hangzhou_reviewer)
    page = client.get(f"/recognition/notices/{notice.pk}/", headers=ENGLISH).content.decode()
    assert "Lodge the objection" not in page and "objections are closed" in page
