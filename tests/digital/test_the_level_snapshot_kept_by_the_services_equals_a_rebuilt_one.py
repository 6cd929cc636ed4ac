"""The tracker's level snapshot (digital.levels) is kept by the services that change what it copies, in their own
transaction, and always equals the snapshot `rebuild` writes from the sources. It counts "the level entered
from the MIIT platform when there is one, else the provisional level of the submitted questionnaire" (D17) for
the enterprises holding the tier's title (D18). The counts are kept at three grains (the province, the city and
the county of each row), and each grain adds up to the snapshot."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from littlegiant.digital import levels
from littlegiant.digital.models import CountGrain, LevelCount, LevelSnapshot
from littlegiant.enterprises import services as register
from littlegiant.recognition import services as recognition
from littlegiant.reference.models import Region
from tests.digital.answers import SIXTY, TWENTY
from tests.digital.conftest import grant_title, submit_answers
from tests.recognition.conftest import make_programme, through_the_city_stage

FIELDS = list(levels.SNAPSHOT_COLUMNS)


def kept() -> tuple[list[tuple], list[tuple]]:
    counts = LevelCount.objects.exclude(enterprises=0).values_list(*levels.COUNT_COLUMNS, "enterprises")
    return sorted(LevelSnapshot.objects.values_list(*FIELDS)), sorted(counts)


def assert_every_grain_adds_up_to_the_snapshot() -> None:
    """Each grain counts every snapshot row once, by tier, year and level, under a region of that grain."""
    per_row = Counter(
        (tier, year, level or 0)
        for tier, year, level in LevelSnapshot.objects.values_list("tier", "year", "level")
    )
    for grain in CountGrain.values:
        counts: Counter = Counter()
        for tier, year, level, n in LevelCount.objects.filter(grain=grain).values_list(
            "tier", "year", "level", "enterprises"
        ):
            counts[(tier, year, level)] += n
        assert +counts == per_row, grain
    assert set(LevelCount.objects.filter(grain=1).values_list("region__level", flat=True)) <= {"province"}
    assert all(
        path.count("/") == 1
        for path in LevelCount.objects.filter(grain=1).values_list("region_path", flat=True)
    )


def rebuilt() -> tuple[list[tuple], list[tuple]]:
    levels.rebuild()
    return kept()


def assert_agrees() -> list[tuple]:
    assert_every_grain_adds_up_to_the_snapshot()
    incremental = kept()
    assert incremental == rebuilt()
    return incremental[0]


def row(enterprise, year: int, tier: str) -> LevelSnapshot:
    return LevelSnapshot.objects.get(enterprise=enterprise, year=year, tier=tier)


def test_every_change_through_a_service_leaves_the_snapshot_a_rebuild_would_write(
    alpha, beta, alice, bob, hangzhou_reviewer, provincial_reviewer
) -> None:
    today = timezone.localdate()
    # A title granted by recognition's own services: the snapshot holds alpha for every year of it.
    programme = make_programme("srdi_sme")
    application = recognition.submit(
        recognition.start_application(programme, alpha, by=alice), by=alice, pledge=True
    )
    through_the_city_stage(application, hangzhou_reviewer)
    recognition.pass_stage(application, by=provincial_reviewer)
    recognition.recognise(programme, by=provincial_reviewer)
    rows = assert_agrees()
    assert {r[1] for r in rows if r[0] == alpha.pk} == set(range(today.year, today.year + 4))
    assert row(alpha, today.year, "srdi_sme").source == ""

    # The questionnaire submitted: its provisional level counts (D17).
    submit_answers(alpha, alice, today.year, SIXTY)
    assert row(alpha, today.year, "srdi_sme").level == 3
    assert row(alpha, today.year, "srdi_sme").source == "questionnaire"
    assert_agrees()

    # A level entered from the MIIT platform through the register's service wins over it (D17).
    register.save_filing(alpha, today.year, {"digital_level": 1}, by=alice)
    snapshot = row(alpha, today.year, "srdi_sme")
    assert (snapshot.level, snapshot.source, snapshot.questionnaire_level) == (1, "miit", 3)
    assert_agrees()

    # The enterprise moves to another district and is renamed: the copied region and name follow.
    binjiang = Region.objects.get(code="330108")
    register.update_enterprise(alpha, by=provincial_reviewer, region=binjiang, name="杭州阿尔法新名有限公司")
    snapshot = row(alpha, today.year, "srdi_sme")
    assert (snapshot.region_path, snapshot.name) == (binjiang.path, "杭州阿尔法新名有限公司")
    assert_agrees()

    # A title made by hand, then revoked through recognition's service: beta leaves the snapshot.
    title = grant_title(
        beta, "little_giant", by=provincial_reviewer, valid_from=dt.date(2024, 7, 1),
        valid_until=dt.date(2027, 6, 30),
    )  # fmt: skip
    submit_answers(beta, bob, 2025, TWENTY)  # level 1, but the cast's 2025 filing holds MIIT level 2
    snapshot = row(beta, 2025, "little_giant")
    assert (snapshot.level, snapshot.source, snapshot.questionnaire_level) == (2, "miit", 1)
    assert_agrees()
    recognition.revoke(title, by=provincial_reviewer, cause="tax_evasion", comment="test")
    assert not LevelSnapshot.objects.filter(enterprise=beta).exists()
    assert_agrees()


def test_a_renewal_merges_with_the_title_it_renews_into_one_span_a_year(alpha, provincial_reviewer) -> None:
    grant_title(
        alpha, "little_giant", by=provincial_reviewer, valid_from=dt.date(2022, 7, 1),
        valid_until=dt.date(2025, 6, 30),
    )  # fmt: skip
    grant_title(
        alpha, "little_giant", by=provincial_reviewer, valid_from=dt.date(2025, 7, 1),
        valid_until=dt.date(2028, 6, 30),
    )  # fmt: skip
    spans = list(
        LevelSnapshot.objects.filter(enterprise=alpha, year=2025).values_list("held_from", "held_until")
    )
    assert spans == [(dt.date(2025, 1, 1), dt.date(2025, 12, 31))]
    assert set(LevelSnapshot.objects.filter(enterprise=alpha).values_list("year", flat=True)) == {
        2024,
        2025,
        2026,
        2027,
        2028,
    }  # fmt: skip - from the tracker's first year (2024), not the title's first (2022)
    assert_agrees()
