"""The demo enterprises carry an R&D breakdown (enterprise-data.md, "R&D super-deduction and income tax") so the
calculator has something to show: where the R&D expense and the profit are filed, the nine R&D items and the tax
fields are too; the showcase's other related expenses are 22,222.22 yuan above their 10/90 cap (2021年第28号)."""

from decimal import Decimal

from littlegiant.assessment.calculator import RD_PACK_ID, calculate
from littlegiant.demo.people import SHOWCASE_NAME
from littlegiant.enterprises.models import AnnualFiling, Enterprise


def test_filings_with_r_and_d_and_profit_have_a_breakdown(small_demo):
    filings = AnnualFiling.objects.filter(rd_expense__isnull=False, net_profit__isnull=False)
    assert filings.exists()
    assert not filings.filter(rd_personnel__isnull=True).exists()
    assert filings.filter(rd_commissioned_domestic__gt=0).exists()


def test_the_showcase_calculation_tells_the_cap_in_yuan(small_demo):
    filing = Enterprise.objects.get(name=SHOWCASE_NAME).filings.get(year=2025)
    calculation = calculate(filing)
    document = calculation.explanation
    assert document["pack"]["id"] == RD_PACK_ID
    assert document["outcome"] == "eligible"
    assert any("22,222.22 yuan above the 10% cap" in gap["message_en"] for gap in document["gaps"])
    saving = next(a for a in document["amounts"] if a["id"] == "tax_saving")
    assert Decimal(saving["value"]) > 0
