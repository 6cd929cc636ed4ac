"""After editing from a gap link it never follows a next to another site."""

from django.urls import reverse

from tests.assessment.test_after_editing_from_a_gap_link_the_owner_returns_to_the_assessment import _post


def test_it_never_follows_a_next_to_another_site(client, alice, alpha):
    year = alpha.filings.order_by("-year").first().year
    client.force_login(alice)
    response = _post(client, alpha, year, "https://evil.example/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("enterprises:detail", args=[alpha.pk]))
