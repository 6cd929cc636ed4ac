"""An anonymous visitor of a self-assessment is sent to sign in."""

from django.urls import reverse


def test_an_anonymous_visitor_is_sent_to_sign_in(client, alpha):
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
