"""The home page's gap line (ux review, row 1): not only "未满足：每年 ≥ 100万元 且 ≥ 3%", but the enterprise's own
figures for each year the criterion reads, as percentages and 万元 (2026 SRDI condition ③, criteria.md Appendix A)."""

from decimal import Decimal

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from tests.assessment.conftest import set_filing, srdi_ready_values

INCLUDE = Template('{% include "assessment/_tier_summary.html" with enterprise_id=enterprise_id %}')


def test_the_lacking_condition_shows_both_years_figures(alice, alpha):
    filing = set_filing(
        alpha,
        operating_revenue=Decimal("98600000"),
        rd_expense=Decimal("2760800"),
        operating_revenue_prev=Decimal("89600000"),
        rd_expense_prev=Decimal("2419200"),
        **srdi_ready_values(),
    )
    request = RequestFactory().get("/")
    request.user = alice
    with translation.override("zh-hans"):
        html = INCLUDE.render(Context({"request": request, "enterprise_id": alpha.pk}))
    assert f"{filing.year} 研发费用占营业收入比重 2.80%" in html
    assert f"{filing.year - 1} 前一年度研发费用占营业收入比重 2.70%" in html
    assert "276.08 万元" in html
