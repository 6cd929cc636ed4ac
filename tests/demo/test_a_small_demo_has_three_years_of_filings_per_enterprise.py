"""Every demo enterprise files for 2023, 2024 and 2025, with figures that agree from one year to the next."""

from django.db.models import Count

from littlegiant.enterprises.credit_code import check_credit_code
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from tests.demo.conftest import SMALL


def test_each_enterprise_has_the_three_years(small_demo):
    assert small_demo.enterprises == SMALL + 1  # and the showcase enterprise
    years = Enterprise.objects.annotate(n=Count("filings")).values_list("n", flat=True)
    assert set(years) == {3}
    assert set(AnnualFiling.objects.values_list("year", flat=True)) == {2023, 2024, 2025}
    assert small_demo.filings == 3 * (SMALL + 1)


def test_a_year_s_previous_figures_are_last_year_s(small_demo):
    by_key = {(f.enterprise_id, f.year): f for f in AnnualFiling.objects.all()}
    for (enterprise, year), filing in by_key.items():
        earlier = by_key.get((enterprise, year - 1))
        if earlier is not None:
            assert filing.operating_revenue_prev == earlier.operating_revenue
            assert filing.main_business_revenue_prev == earlier.main_business_revenue
            assert filing.rd_expense_prev == earlier.rd_expense


def test_credit_codes_are_valid_and_registered_in_zhejiang(small_demo):
    for code, region in Enterprise.objects.values_list("credit_code", "region_id"):
        assert check_credit_code(code) == code
        assert code[2:8] == region
        assert region.startswith("33")
