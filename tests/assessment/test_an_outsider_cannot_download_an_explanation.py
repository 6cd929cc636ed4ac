"""An outsider cannot download an explanation."""

from django.urls import reverse


def test_an_outsider_cannot_download_it(client, bob, alpha):
    client.force_login(bob)
    assert client.get(reverse("assessment:explanation", args=[alpha.pk, 2025])).status_code == 404
