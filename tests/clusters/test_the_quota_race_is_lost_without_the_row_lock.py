"""The concurrency test of the quota (test_a_province_recommends_within_its_quota_even_concurrently.py) can fail:
the same race, run against a claim whose recommending unit's row is not locked, is lost. Both reviewers count
the places used before either writes (a barrier holds each after counting, which only the lock would prevent),
so both recommend and the planning city's quota of 2 is exceeded (criteria.md §8.2). PostgreSQL only: SQLite
serialises writers by the whole database."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from littlegiant.recognition import services
from littlegiant.recognition.models import Application
from littlegiant.recognition.services import quotas
from littlegiant.reference.models import Region
from tests.cast import COUNTY_B, _reviewer
from tests.clusters.conftest import cluster_programme, county_officer
from tests.clusters.test_a_province_recommends_within_its_quota_even_concurrently import submitted


class RegionWithoutLock:
    """Stands in for Region inside quotas.py: select_for_update() returns the rows without locking them."""

    class objects:  # noqa: N801  (the manager's name)
        get = staticmethod(Region.objects.get)

        @staticmethod
        def select_for_update():
            return Region.objects.all()


def race(first: Application, second: Application, reviewer) -> tuple[list[str], bool]:
    """Two reviewers pass two applications at the same moment; each, after counting the places used, waits
    (up to 5 s) for the other to have counted too. Returns the outcomes and whether both counted together."""
    counted = threading.Barrier(2)
    original = quotas.recommendations_used

    def counting_then_waiting(*args, **kwargs):
        used = original(*args, **kwargs)
        # A broken barrier: the other could not count meanwhile (it waits for our lock).
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=5)
        return used

    start = threading.Barrier(2)
    outcomes: list[str] = []

    def recommend(application: Application) -> None:
        try:
            start.wait(timeout=10)
            services.pass_stage(application, by=reviewer)
            outcomes.append("recommended")
        except PermissionDenied:
            outcomes.append("refused")
        finally:
            connections.close_all()

    quotas.recommendations_used = counting_then_waiting
    try:
        threads = [threading.Thread(target=recommend, args=(a,)) for a in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        quotas.recommendations_used = original
    return sorted(outcomes), not counted.broken


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_without_the_lock_both_take_the_last_place(reference_data, monkeypatch):
    officer = county_officer("yinzhou_officer", COUNTY_B)
    reviewer = _reviewer("zj_reviewer", "provincial", "330000")
    programme = cluster_programme()
    used, first, second = (submitted(programme, officer, f"鄞州集群{i}", COUNTY_B) for i in range(3))
    services.pass_stage(used, by=reviewer)  # one of Ningbo's two places is taken

    monkeypatch.setattr(quotas, "Region", RegionWithoutLock)
    outcomes, counted_together = race(first, second, reviewer)

    assert counted_together
    assert outcomes == ["recommended", "recommended"]  # the race is lost: what the real test refuses
    assert Application.objects.filter(programme=programme, recommended_at__isnull=False).count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_with_the_lock_the_second_waits_and_is_refused(reference_data):
    officer = county_officer("yinzhou_officer", COUNTY_B)
    reviewer = _reviewer("zj_reviewer", "provincial", "330000")
    programme = cluster_programme()
    used, first, second = (submitted(programme, officer, f"鄞州集群{i}", COUNTY_B) for i in range(3))
    services.pass_stage(used, by=reviewer)

    # The same race with the lock: the second reviewer cannot count until the first has committed, so the first
    # waits for it in vain and goes on; the second then counts the place taken and is refused.
    outcomes, counted_together = race(first, second, reviewer)

    assert not counted_together
    assert outcomes == ["recommended", "refused"]
    assert Application.objects.filter(programme=programme, recommended_at__isnull=False).count() == 2
