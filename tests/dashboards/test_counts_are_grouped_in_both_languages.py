"""Issue 13, third session: counts on the dashboards, figures and scenarios pages are grouped in both languages
("20,001"; Django's zh_Hans format groups nothing and showed "20001"); exports stay plain numbers."""

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from littlegiant.figures.models import RegionalRollup


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_intcomma_groups_in_threes(language):
    with translation.override(language):
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 1234567})) == "1,234,567"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_public_dashboard_groups_the_counts(language):
    RegionalRollup.objects.create(
        region_id="440000", registry=0, srdi_sme=20001, little_giant=1500, note="demo"
    )
    client = Client(headers={"accept-language": language})
    text = client.get("/dashboards/public/").content.decode()
    assert "20,001" in text and "1,500" in text  # the charts' data (JSON) keeps plain numbers


@pytest.mark.django_db
def test_the_export_keeps_plain_numbers(national_reviewer):
    RegionalRollup.objects.create(
        region_id="440000", registry=0, srdi_sme=20001, little_giant=1500, note="demo"
    )
    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(national_reviewer)
    response = client.get("/dashboards/figures/titles_by_region.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "20001" in text and "20,001" not in text
