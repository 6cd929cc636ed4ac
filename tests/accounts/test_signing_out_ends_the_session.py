"""Signing out (a POST from the header's form) ends the session and returns to the sign-in page."""

from django.urls import reverse


def test_sign_out_returns_to_the_sign_in_page(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_home_page_then_asks_to_sign_in(client, alice):
    client.force_login(alice)
    client.post(reverse("accounts:logout"))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
