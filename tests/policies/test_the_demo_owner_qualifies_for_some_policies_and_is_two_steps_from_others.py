"""Demo: at least 15 plausible policies across the four levels for the demo province, the demo owner
qualifying for some policies and two steps from others (brief, part 5)."""

import datetime as dt

from littlegiant.demo.build import build_demo
from littlegiant.demo.people import SHOWCASE_NAME
from littlegiant.enterprises.models import Enterprise
from littlegiant.policies import demo
from littlegiant.policies.matching import match_enterprise
from littlegiant.policies.models import Policy


def test_the_showcase_stands_on_every_side(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_demo(enterprises=200, app_demos=(), log=lambda line: None)
    demo.build(seed=2026, log=lambda line: None)

    assert Policy.objects.count() >= 15
    assert set(Policy.objects.values_list("level", flat=True)) == {
        "national",
        "provincial",
        "municipal",
        "county",
    }
    # Real document numbers only where criteria.md confirms them; every other policy is marked demo.
    numbered = set(Policy.objects.exclude(document_number="").values_list("document_number", flat=True))
    assert numbered == {"财政部 税务总局公告2023年第7号", "财政部 税务总局公告2023年第12号"}

    matches = match_enterprise(Enterprise.objects.get(name=SHOWCASE_NAME), dt.date(2026, 12, 3))
    assert len(matches.qualifies) >= 3
    assert any(s.steps == 2 for s in matches.within_reach)
    assert matches.undecided and matches.undecided[0].missing == ["provincial_award_best_rank_3y"]
