"""Where the enterprise qualifies and a programme using that pack is open, the self-assessment offers "立即申报"
(a form to recognition's start-application view); once an application exists it links to it instead."""

from django.urls import reverse

from tests.recognition.conftest import make_programme


def test_apply_now_then_the_way_back_to_the_application(client, alice, alpha):
    programme = make_programme("innovative_sme")
    client.force_login(alice)
    page = reverse("assessment:self", args=[alpha.pk])
    html = client.get(page).content.decode()
    assert "立即申报" in html
    assert reverse("recognition:application_start") in html
    assert f'name="programme" value="{programme.pk}"' in html

    response = client.post(
        reverse("recognition:application_start"), {"programme": programme.pk, "enterprise": alpha.pk}
    )
    application = alpha.applications.get(programme=programme)
    assert response.status_code == 302

    html = client.get(page).content.decode()
    assert reverse("recognition:application", args=[application.pk]) in html
    assert f'name="programme" value="{programme.pk}"' not in html
