from django.urls import reverse

from littlegiant.enterprises.models import AnnualFiling
from tests.cast import good_filing_values


def test_an_htmx_request_gets_only_the_assessment_body(client, alice, alpha):
    AnnualFiling.objects.create(enterprise=alpha, year=2024, **good_filing_values())
    client.force_login(alice)
    url = reverse("assessment:self", args=[alpha.pk])
    response = client.get(url, {"year": 2024, "pack": "cn.miit.srdi-sme.2022"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="assessment-body">')
    assert "<html" not in html
    assert response.context["filing"].year == 2024


def test_without_javascript_the_links_load_the_whole_page(client, alice, alpha):
    client.force_login(alice)
    url = reverse("assessment:self", args=[alpha.pk])
    html = client.get(url, {"pack": "cn.miit.srdi-sme.2022"}).content.decode()
    assert "<html" in html
    assert 'href="?year=2025&amp;pack=cn.miit.srdi-sme.2022"' in html
