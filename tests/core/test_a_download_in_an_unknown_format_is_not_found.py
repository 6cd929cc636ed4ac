"""A list's download answers CSV and XLSX; any other format in its URL is a page that is not there (404)."""

import pytest
from django.http import Http404

from littlegiant.downloads import export_format


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_accepts_csv_and_xlsx(fmt):
    assert export_format(fmt) == fmt


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "", "csv ", "xlsx.csv"])
def test_it_answers_404_to_any_other_format(fmt):
    with pytest.raises(Http404):
        export_format(fmt)
