"""Discovery (issue 11 item 6): an enterprise is invited to apply for a tier once per year of data; a second
click tells nobody again and says so, and the page shows who has been invited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from littlegiant.notifications.models import Notification
from littlegiant.web import discovery
from tests.web.test_officials_see_who_qualifies_but_has_not_applied import SRDI_2022, media_root, screened

__all__ = ["media_root", "screened"]


def test_a_second_invitation_is_refused_and_tells_nobody(screened, hangzhou_reviewer, alpha, alice):
    discovery.invite_to_apply(hangzhou_reviewer, alpha.pk, SRDI_2022)
    with translation.override("en"), pytest.raises(ValidationError, match="already been invited"):
        discovery.invite_to_apply(hangzhou_reviewer, alpha.pk, SRDI_2022)
    assert Notification.objects.filter(recipient=alice).count() == 1


def test_the_page_marks_the_invited_enterprise(client, screened, hangzhou_reviewer, alpha):
    assert alpha.pk not in discovery.discover(hangzhou_reviewer, SRDI_2022).invited
    discovery.invite_to_apply(hangzhou_reviewer, alpha.pk, SRDI_2022)
    found = discovery.discover(hangzhou_reviewer, SRDI_2022)
    assert found.invited == frozenset({alpha.pk})
    client.force_login(hangzhou_reviewer)
    page = client.get("/discovery/", {"pack": SRDI_2022}).content.decode()
    assert page.count('value="invite"') == len(found.counties[0].enterprises) - 1
