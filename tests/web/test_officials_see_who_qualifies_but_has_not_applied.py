"""Issue 11, item 6: from the latest screening, an official lists by county the enterprises that qualify for a tier
but have not applied for it, and invites one to apply (a notice on its home) or refers it to an institution."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.notifications.models import Notification
from littlegiant.recognition import services as recognition
from littlegiant.web import discovery
from tests.assessment.conftest import add_enterprises, screen
from tests.recognition.conftest import make_programme

SRDI_2022 = "cn.miit.srdi-sme.2022"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def screened(hangzhou_reviewer, alpha, alice, bob, beta, django_capture_on_commit_callbacks):
    add_enterprises("330106", 2)
    return screen(hangzhou_reviewer, django_capture_on_commit_callbacks, packs=(SRDI_2022,))


def test_qualifying_enterprises_without_an_application_are_listed_by_county(
    screened, hangzhou_reviewer, alpha, alice
):
    found = discovery.discover(hangzhou_reviewer, SRDI_2022)
    assert [county.name for county in found.counties] == ["西湖区"]
    names = [enterprise.name for enterprise in found.counties[0].enterprises]
    assert alpha.name in names and len(names) == 3  # Ningbo's Beta lies outside Hangzhou

    recognition.start_application(make_programme("srdi_sme"), alpha, by=alice)
    found = discovery.discover(hangzhou_reviewer, SRDI_2022)
    assert alpha.name not in [enterprise.name for enterprise in found.counties[0].enterprises]
    assert found.total == 2


def test_an_invitation_lands_on_the_enterprises_home(client, screened, hangzhou_reviewer, alpha, alice):
    client.force_login(hangzhou_reviewer)
    response = client.post(
        "/discovery/", {"action": "invite", "enterprise": alpha.pk, "pack": SRDI_2022}, follow=True
    )
    assert response.status_code == 200
    notice = Notification.objects.get(recipient=alice)
    assert notice.link == f"/assessment/enterprises/{alpha.pk}/"
    client.force_login(alice)
    assert notice.subject in client.get("/").content.decode()


def test_a_referral_goes_to_the_staffed_institution_that_would_answer(
    screened, hangzhou_reviewer, alpha, carol
):
    institution = discovery.refer_to_institution(hangzhou_reviewer, alpha.pk, SRDI_2022)
    assert institution == carol.institution_roles.get().institution
    assert alpha.name in Notification.objects.get(recipient=carol).body


def test_another_citys_reviewer_cannot_invite_a_hangzhou_enterprise(screened, ningbo_reviewer, alpha):
    with pytest.raises(PermissionDenied):
        discovery.invite_to_apply(ningbo_reviewer, alpha.pk, SRDI_2022)
    assert not Notification.objects.exists()


def test_an_enterprise_owner_may_not_open_the_page(client, alice):
    client.force_login(alice)
    assert client.get("/discovery/").status_code == 403
