"""A person who acts for a single enterprise opens the list and lands on that enterprise's profile."""

import pytest
from django.urls import reverse

from littlegiant.rules.schema import FIELDS_BY_NAME

pytestmark = pytest.mark.django_db


def test_alice_is_sent_to_alpha(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("enterprises:list"))
    assert response.status_code == 302 and response.url == reverse("enterprises:detail", args=[alpha.pk])


def test_the_profile_shows_every_field_labelled_and_unknowns_as_unknown(client, alice, alpha):
    client.force_login(alice)
    page = client.get(reverse("enterprises:detail", args=[alpha.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert FIELDS_BY_NAME["employees"].label_zh in text
    assert "未知" in text  # e.g. holds_srdi_title is not in alice's data
    assert "86,000,000" in text


def test_the_profile_reads_in_english_too(client, alice, alpha):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse("enterprises:detail", args=[alpha.pk])).content.decode()
    assert FIELDS_BY_NAME["employees"].label_en in text and "unknown" in text
