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
