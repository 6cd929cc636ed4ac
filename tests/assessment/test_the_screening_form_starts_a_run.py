"""The screening form starts a run."""

from django.urls import reverse

from littlegiant.assessment.models import ScreeningRun


def test_the_form_starts_a_run(client, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks):
    client.force_login(hangzhou_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assessment:screening"), {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025}
        )
    assert response.status_code == 302
    run = ScreeningRun.objects.get()
    assert (run.status, run.total, run.requested_by) == ("done", 1, hangzhou_reviewer)
