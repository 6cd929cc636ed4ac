"""An enterprise owner is refused the screening page."""

from django.urls import reverse

from littlegiant.assessment.models import ScreeningRun


def test_the_page_refuses(client, alice):
    client.force_login(alice)
    assert client.get(reverse("assessment:screening")).status_code == 403
    response = client.post(
        reverse("assessment:screening"), {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025}
    )
    assert response.status_code == 403
    assert not ScreeningRun.objects.exists()
