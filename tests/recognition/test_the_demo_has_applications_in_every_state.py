"""The recognition demo: open programmes this year, applications in every state, last year's recognitions."""

from littlegiant.demo.build import build_demo
from littlegiant.recognition.models import Application, ApplicationStatus, Programme, Recognition


def test_every_state_is_shown(db):
    report = build_demo(enterprises=1500, app_demos=("recognition",), log=lambda line: None)
    states = set(Application.objects.values_list("status", flat=True))
    assert states == set(ApplicationStatus.values)
    this_year = Programme.objects.filter(applications_open_on__year=Programme.objects.latest("year").year)
    # The three enterprise tiers, and the cluster round (criteria.md §8).
    assert this_year.exclude(tier="sme_cluster").count() == 3
    assert this_year.filter(tier="sme_cluster").count() == 1
    assert (
        Recognition.objects.filter(batch__decided_on__year__lt=Programme.objects.latest("year").year).count()
        > 20
    )
    assert "expert" in [account.username for account in report.accounts]
    assert all(Application.objects.filter(status=status).exists() for status in ApplicationStatus.values)
