"""The upload page: a bad file shows the full error table and writes nothing; a good one shows the counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from littlegiant.enterprises.models import AnnualFiling, Enterprise
from tests.enterprises.conftest import GAMMA_CODE, csv_bytes, filing_row

pytestmark = pytest.mark.django_db


def _upload(client, rows, **extra):
    data = {"file": SimpleUploadedFile("filings.csv", csv_bytes(rows), content_type="text/csv"), **extra}
    return client.post(reverse("enterprises:upload"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_bad_file_shows_every_problem(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = _upload(client, [filing_row(employees=-1, own_brand="maybe")])
    assert response.status_code == 422
    report = response.context["report"]
    assert [(p.row, p.column) for p in report.problems] == [(2, "employees"), (2, "own_brand")]
    text = response.content.decode()
    assert "employees" in text and "own_brand" in text and "maybe" in text
    assert not Enterprise.objects.filter(credit_code=GAMMA_CODE).exists()


def test_a_good_file_shows_counts_and_links(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = _upload(client, [filing_row(), filing_row(year=2024)])
    assert response.status_code == 200
    gamma = Enterprise.objects.get(credit_code=GAMMA_CODE)
    assert response.context["report"].filings_created == 2
    assert reverse("enterprises:detail", args=[gamma.pk]) in response.content.decode()
    assert AnnualFiling.objects.filter(enterprise=gamma).count() == 2


def test_a_dry_run_writes_nothing(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = _upload(client, [filing_row()], dry_run="on")
    assert response.context["report"].ok
    assert not Enterprise.objects.filter(credit_code=GAMMA_CODE).exists()


def test_a_person_without_a_role_is_told_why(client):
    from tests.cast import make_user

    client.force_login(make_user("nobody"))
    response = client.get(reverse("enterprises:upload"))
    assert response.status_code == 403
