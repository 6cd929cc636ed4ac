"""Issue 11, item 5 and UX review defect 3: the expert's home names the expert role and lists the reviews drawn
to them, instead of saying the account has no role."""

from __future__ import annotations

from littlegiant.accounts.demo import DEMO_PASSWORD
from littlegiant.recognition.models import ExpertReview


def test_the_demo_expert_sees_their_reviews_on_the_home_page(client, small_demo_with_apps):
    assert client.login(username="expert", password=DEMO_PASSWORD)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your account has no role yet" not in home
    assert "Expert reviewer" in home
    reviews = ExpertReview.objects.filter(expert__user__username="expert").select_related("draw__application")
    assert reviews.exists()
    for review in reviews:
        assert f'href="/recognition/expert-reviews/{review.pk}/"' in home
        assert review.draw.application.enterprise.name in home
