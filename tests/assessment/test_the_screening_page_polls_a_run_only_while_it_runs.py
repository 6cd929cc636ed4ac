"""The screening page polls a run only while it runs."""

from django.urls import reverse

from littlegiant.assessment.services import start_screening
from tests.assessment.conftest import screen


def test_the_page_polls_only_while_it_runs(
    client, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        queued = start_screening(hangzhou_reviewer, ["cn.miit.srdi-sme.2022"], 2025)
    done = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    client.force_login(hangzhou_reviewer)
    html = client.get(reverse("assessment:screening")).content.decode()
    assert f'hx-get="{reverse("assessment:screening_run", args=[queued.pk])}" hx-trigger="every 2s"' in html
    assert f'hx-get="{reverse("assessment:screening_run", args=[done.pk])}"' not in html
    fragment = client.get(reverse("assessment:screening_run", args=[done.pk])).content.decode()
    assert "<html" not in fragment and "results.csv" in fragment
