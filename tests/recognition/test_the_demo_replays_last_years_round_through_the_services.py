"""Last year's titles in the demo were made by the services at last year's dates: every title has a history
that starts with a submission in May and ends with the recognition on 30 September, is valid for
VALIDITY_YEARS, carries the name it was granted under, and a demo login acts for one recognised enterprise."""

import datetime as dt

from littlegiant.calendar import add_years
from littlegiant.demo.build import build_demo
from littlegiant.enterprises.models import Membership
from littlegiant.recognition.models import VALIDITY_YEARS, Event, Programme, Recognition


def test_last_years_titles_have_a_real_history(db):
    report = build_demo(enterprises=1500, app_demos=("recognition",), log=lambda line: None)
    last_year = Programme.objects.latest("year").year - 1
    titles = list(Recognition.objects.filter(batch__decided_on__year=last_year).select_related("application"))
    assert len(titles) > 20
    for title in titles:
        assert title.valid_until == add_years(title.valid_from, VALIDITY_YEARS) - dt.timedelta(days=1)
        assert title.enterprise_name and title.certificate_number
        actions = list(
            Event.objects.filter(application=title.application)
            .order_by("created_at", "pk")
            .values_list("action", "created_at")
        )
        assert actions[0][0] == "start" and actions[0][1].date() == dt.date(last_year, 5, 10)
        assert actions[-1][0] == "recognise" and actions[-1][1].date() == dt.date(last_year, 9, 30)
        assert {"submit", "pass"} <= {action for action, _at in actions}
    assert "recognised" in [account.username for account in report.accounts]
    member = Membership.objects.get(user__username="recognised")
    assert Recognition.objects.filter(enterprise=member.enterprise).exists()
