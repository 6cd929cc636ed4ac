"""Each change of a two-year gap links to its field and back to the assessment."""

from django.urls import reverse

from tests.assessment.test_a_failed_two_year_condition_shows_each_years_figures_and_change import (
    _two_short_years,
)


def test_each_change_links_to_its_field_and_back_to_the_assessment(client, alice, alpha):
    filing = _two_short_years(alpha)
    client.force_login(alice)
    page = reverse("assessment:self", args=[alpha.pk]) + "?pack=cn.miit.srdi-sme.2026"
    html = client.get(page).content.decode()
    edit = reverse("enterprises:filing_edit", args=[alpha.pk, filing.year])
    assert f"{edit}?next=%2Fassessment" in html or f"{edit}?next=" in html
    assert "#id_rd_expense_prev" in html
    assert "如何补齐差距" in html
