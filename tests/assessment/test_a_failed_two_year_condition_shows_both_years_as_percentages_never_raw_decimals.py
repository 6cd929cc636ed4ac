"""A failed two-year condition shows both years as percentages never raw decimals."""

from django.urls import reverse

from tests.assessment.test_a_failed_two_year_condition_shows_each_years_figures_and_change import (
    _two_short_years,
)


def test_the_row_shows_both_years_as_percentages_never_raw_decimals(client, alice, alpha):
    _two_short_years(alpha)
    client.force_login(alice)
    html = client.get(
        reverse("assessment:self", args=[alpha.pk]) + "?pack=cn.miit.srdi-sme.2026"
    ).content.decode()
    assert "2.80%" in html and "2.70%" in html
    assert "0.028" not in html and "0.027" not in html
