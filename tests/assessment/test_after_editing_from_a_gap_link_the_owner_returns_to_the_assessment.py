"""The gap links carry ?next= back to the self-assessment; the filing form goes there after saving, but only to a
page of this site (an open redirect would let a crafted link send the owner anywhere)."""

from django.urls import reverse

from tests.cast import good_filing_values


def _post(client, alpha, year, next_url):
    values = {
        k: ("true" if v is True else "false" if v is False else v) for k, v in good_filing_values().items()
    }
    values = {k: v for k, v in values.items() if v is not None}
    values["comment"] = "研发费用更正"
    url = reverse("enterprises:filing_edit", args=[alpha.pk, year]) + "?next=" + next_url
    return client.post(url, values)


def test_it_returns_to_the_assessment(client, alice, alpha):
    year = alpha.filings.order_by("-year").first().year
    client.force_login(alice)
    back = reverse("assessment:self", args=[alpha.pk]) + "?pack=cn.miit.srdi-sme.2026"
    response = _post(client, alpha, year, back.replace("?", "%3F").replace("=", "%3D"))
    assert response.status_code == 302
    assert response["Location"] == back
