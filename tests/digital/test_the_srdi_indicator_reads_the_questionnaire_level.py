"""The SRDI SME pack's indicator 5, 数字化水平 (criteria.md §3.3, 附件2 评价指标5: "A. 三级以上 5 points"), reads
the questionnaire's provisional level when no MIIT result is entered (D17), and says so in the explanation."""

from datetime import date

from littlegiant.assessment import services as assessment
from littlegiant.enterprises.models import AnnualFiling
from tests.digital.answers import SIXTY

PACK = "cn.miit.srdi-sme.2022"


def digital_criterion(filing):
    document = assessment.assess_filing(filing, [PACK], date(2025, 6, 1))[PACK]
    return next(c for c in document["criteria"] if c["id"] == "digital_level")


def test_a_level_3_questionnaire_scores_5_points_marked_provisional(alpha, alice, submit) -> None:
    AnnualFiling.objects.filter(enterprise=alpha, year=2025).update(digital_level=None)
    submit(alpha, alice, 2025, SIXTY)
    criterion = digital_criterion(AnnualFiling.objects.get(enterprise=alpha, year=2025))
    assert criterion["inputs"]["digital_level"] == "3"
    assert criterion["points"] == 5
    assert "provisional" in criterion["note"]
    assert "暂定" in criterion["note_zh"]


def test_an_entered_miit_level_is_read_as_it_is_without_the_note(alpha, alice, submit) -> None:
    submit(alpha, alice, 2025, SIXTY)  # the cast's filing has digital_level 2
    criterion = digital_criterion(AnnualFiling.objects.get(enterprise=alpha, year=2025))
    assert criterion["inputs"]["digital_level"] == "2"
    assert criterion["points"] == 3
    assert "provisional" not in (criterion["note"] or "")
