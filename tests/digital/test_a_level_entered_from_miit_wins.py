"""Decision D17: "A level entered from the MIIT platform's own result (`digital_level`) always wins." """

from littlegiant.digital import services
from littlegiant.enterprises.models import AnnualFiling
from tests.digital.answers import SIXTY


def test_the_miit_level_on_the_filing_wins_over_the_questionnaire(alpha, alice, submit) -> None:
    submit(alpha, alice, 2025, SIXTY)  # provisional level 3
    AnnualFiling.objects.filter(enterprise=alpha, year=2025).update(digital_level=1)
    assert services.level_for_year(alpha.pk, 2025) == services.LevelReading(1, "miit")


def test_without_a_miit_level_the_questionnaire_gives_a_provisional_one(alpha, alice, submit) -> None:
    submit(alpha, alice, 2025, SIXTY)
    AnnualFiling.objects.filter(enterprise=alpha, year=2025).update(digital_level=None)
    reading = services.level_for_year(alpha.pk, 2025)
    assert (reading.level, reading.provisional) == (3, True)


def test_a_draft_gives_no_level(alpha, alice) -> None:
    AnnualFiling.objects.filter(enterprise=alpha, year=2025).update(digital_level=None)
    services.open_evaluation(alpha, by=alice, year=2025)
    assert services.level_for_year(alpha.pk, 2025).level is None
