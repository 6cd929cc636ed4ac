"""2026 SRDI condition ③ (criteria.md Appendix A, [S]): R&D ≥ 100万 and ≥ 3% of revenue **in each** of the last two
years. A failed row shows both years' own figures and the change each year needs, in 万元, with a link to the exact
field of the filing form that returns to the assessment (ux review, defect 2)."""

from decimal import Decimal

from django.urls import reverse
from django.utils.html import escape

from tests.assessment.conftest import set_filing, srdi_ready_values


def _two_short_years(alpha):
    # 2025: 2,760,800 / 98,600,000 = 2.80%; 2024: 2,419,200 / 89,600,000 = 2.70% (the review's enterprise).
    return set_filing(
        alpha,
        operating_revenue=Decimal("98600000"),
        rd_expense=Decimal("2760800"),
        operating_revenue_prev=Decimal("89600000"),
        rd_expense_prev=Decimal("2419200"),
        **srdi_ready_values(),
    )


def _srdi_2026(response):
    return next(d for d in response.context["documents"] if d["pack"]["id"] == "cn.miit.srdi-sme.2026")


def test_the_gap_names_each_year_and_its_change_in_wan(client, alice, alpha):
    filing = _two_short_years(alpha)
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]) + "?pack=cn.miit.srdi-sme.2026")
    gap = next(g for g in _srdi_2026(response)["gaps"] if g["criterion"] == "rd_two_years")
    assert gap["message_zh"].startswith(
        f"{filing.year} 年研发费用总额需增加 19.72 万元；前一年度（{filing.year - 1} 年）研发费用总额需增加 26.88 万元"
    )
    assert [change["field"] for change in gap["changes"]] == ["rd_expense", "rd_expense_prev"]
    html = response.content.decode()
    assert escape(gap["message_zh"]) in html
