"""Demo data for the digital level: 2024 and 2025 results for the demo province's titled enterprises (little
giants and SRDI SMEs) and a sample of others, with real gaps; the demo owner has this year's evaluation half done.

Everything goes through the services: results as an official's import (`record_imported`), the owner's draft
section by section (`save_section`), so the trails and notices are real.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from django.utils import timezone

from littlegiant.accounts.demo import DEMO_PROVINCE, DemoAccount, demo_provincial_reviewer
from littlegiant.accounts.models import User
from littlegiant.digital import services, tracker
from littlegiant.digital.models import Evaluation
from littlegiant.digital.questionnaire import ItemKind, load
from littlegiant.enterprises.models import Enterprise

YEARS = (2024, 2025)
SAMPLE = 400  # other enterprises of the province, so that the industry and city averages mean something


def draw_answers(rng: random.Random, strength: float) -> dict[str, object]:
    """A plausible answer set: each item's option drawn around the enterprise's strength (0 to 1)."""
    questionnaire = load()
    answers: dict[str, object] = {}
    for item in questionnaire.items:
        if item.kind == ItemKind.BAND:
            answers[item.id] = str(round(max(0.0, min(100.0, rng.gauss(strength * 70, 18))), 1))
        elif item.kind == ItemKind.MULTIPLE:
            links = [o.key for o in item.options if not o.none]
            chosen = [key for key in links if rng.random() < strength]
            answers[item.id] = chosen or ["A"]
        else:
            keys = [o.key for o in item.options]
            index = round(max(0.0, min(1.0, rng.gauss(strength, 0.2))) * (len(keys) - 1))
            answers[item.id] = keys[index]
    for scenario in questionnaire.scenarios:
        answers[scenario.id] = max(1, min(4, round(rng.gauss(1 + strength * 3, 0.7))))
    return answers


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """Import two years of results, then half-fill the owner's evaluation for this year."""
    rng = random.Random(seed + 17)
    official = demo_provincial_reviewer()
    if official is None:
        log("digital: no provincial reviewer for Zhejiang in the demo; no results imported.")
        return []
    if Evaluation.objects.exists():
        log("digital: the demo results already exist.")
        return []
    today = timezone.localdate()
    titled = sorted(
        {
            pk
            for tier in tracker.TRACKED_TIERS
            for pk in tracker.snapshot(tier, today.year, None, today).values_list("enterprise_id", flat=True)
        }
    )
    owner = User.objects.filter(username="owner").first()
    showcase = owner.memberships.values_list("enterprise_id", flat=True).first() if owner else None
    others = list(
        Enterprise.objects.filter(region__province_code=DEMO_PROVINCE)
        .exclude(pk__in=titled)
        .exclude(pk=showcase)
        .order_by("pk")
        .values_list("pk", flat=True)[: SAMPLE * 5]
    )
    chosen = titled + rng.sample(others, min(SAMPLE, len(others)))
    enterprises = Enterprise.objects.in_bulk(chosen)
    count = 0
    for pk in chosen:
        # A wide spread, so that some titled enterprises sit below level 2: the tracker's gaps are real.
        strength = rng.betavariate(2.2, 2.6)
        for year in YEARS:
            grown = min(1.0, strength + (year - YEARS[0]) * rng.uniform(0.0, 0.08))
            services.record_imported(
                enterprises[pk], year=year, answers=draw_answers(rng, grown), by=official
            )
            count += 1
    log(
        f"digital: imported {count} results for {len(chosen)} enterprises ({len(titled)} titled), 2024 and 2025."
    )
    if owner is not None and showcase is not None:
        _half_done(rng, log, owner, Enterprise.objects.get(pk=showcase))
    return []


def _half_done(rng: random.Random, log: Callable[[str], None], owner: User, showcase: Enterprise) -> None:
    evaluation = services.open_evaluation(showcase, by=owner, year=timezone.localdate().year)
    answers = draw_answers(rng, 0.45)
    for section in services.SECTIONS[:2]:
        services.save_section(evaluation, by=owner, section=section, answers=answers)
    log("digital: the demo owner's evaluation for this year is half done (two of four sections).")
