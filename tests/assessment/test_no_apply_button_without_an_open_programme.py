"""No apply button without an open programme."""

from django.urls import reverse


def test_no_apply_button_without_an_open_programme(client, alice, alpha):
    client.force_login(alice)
    html = client.get(reverse("assessment:self", args=[alpha.pk])).content.decode()
    assert "立即申报" not in html
