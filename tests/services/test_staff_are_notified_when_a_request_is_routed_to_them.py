"""Routing tells the institution's staff: an in-app notice linking to the request (issue 11, item 5)."""

from __future__ import annotations

from littlegiant.notifications.models import Notification
from littlegiant.services import services


def test_the_county_counsellor_gets_a_notice_with_a_link(alice, alpha, carol, dave):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="周转。")
    notice = Notification.objects.get(recipient=carol)
    assert notice.link == f"/services/requests/{request.pk}/"
    assert alpha.name in notice.body
    assert not Notification.objects.filter(recipient=dave).exists()
