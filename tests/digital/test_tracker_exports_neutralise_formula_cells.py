"""The brief: "exports must neutralise formula cells" — an enterprise named like a formula is written as text."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from littlegiant.enterprises.models import Enterprise
from tests.cast import PASSWORD
from tests.digital.answers import SIXTY


def test_a_formula_like_name_is_prefixed_in_csv_and_xlsx(
    client, little_giants, alice, provincial_reviewer, submit
):
    alpha, _beta = little_giants
    Enterprise.objects.filter(pk=alpha.pk).update(name='=HYPERLINK("http://x","y")')
    submit(alpha, alice, 2025, SIXTY)
    client.login(username="provincial_reviewer", password=PASSWORD)
    response = client.get(reverse("digital:tracker_export", args=["csv"]), {"year": 2025})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text))}
    assert rows[alpha.credit_code][1] == '\'=HYPERLINK("http://x","y")'
    assert rows[alpha.credit_code][5] == "3"
    response = client.get(reverse("digital:tracker_export", args=["xlsx"]), {"year": 2025})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://x","y")' in names
