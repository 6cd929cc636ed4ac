"""Running the demo again leaves the province alone; the accounts stay the same."""

from littlegiant.demo.build import build_demo
from littlegiant.enterprises.models import Enterprise


def test_a_second_run_builds_nothing(small_demo):
    before = Enterprise.objects.count()
    again = build_demo(enterprises=50, app_demos=(), log=lambda line: None)
    assert not again.built
    assert Enterprise.objects.count() == before
    assert again.enterprises == small_demo.enterprises
    assert [a.username for a in again.accounts] == [a.username for a in small_demo.accounts]


def test_an_app_demo_that_does_not_exist_is_skipped(db):
    report = build_demo(enterprises=20, app_demos=("nosuchapp",), log=lambda line: None)
    assert report.built
    assert report.apps_built == []
