"""A screening's file downloads through the checked view."""

from django.urls import reverse

from tests.assessment.conftest import screen
from tests.assessment.test_a_screening_produces_a_file_with_one_row_per_enterprise import PACKS


def test_the_file_downloads_through_the_checked_view(
    client, provincial_reviewer, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=PACKS)
    url = reverse("assessment:screening_download", args=[run.pk, "csv"])
    client.force_login(provincial_reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert alpha.credit_code in b"".join(response.streaming_content).decode()
    client.force_login(hangzhou_reviewer)  # a city reviewer may not see a province-wide run
    assert client.get(url).status_code == 404
    client.force_login(provincial_reviewer)
    assert client.get(reverse("assessment:screening_download", args=[run.pk, "exe"])).status_code == 404
