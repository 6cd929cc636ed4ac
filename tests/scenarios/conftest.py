"""What-if tests run in a temporary media folder and build small registries through the cast."""

from __future__ import annotations

from decimal import Decimal

import pytest

# 附件2 认定条件3 (criteria.md §3.2): 上年度营业收入总额1000万元以上 — the first threshold of revenue_condition.
REVENUE_THRESHOLD = "criterion.revenue_condition.test.1"
SRDI_2022 = "cn.miit.srdi-sme.2022"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_firm(county: str, body: str, name: str, *, year: int = 2025, **values: object):
    """An enterprise with the cast's good SRDI filing, some values changed."""
    from littlegiant.enterprises.models import AnnualFiling
    from tests.cast import good_filing_values, make_enterprise

    enterprise = make_enterprise(name, county, body)
    AnnualFiling.objects.create(enterprise=enterprise, year=year, **{**good_filing_values(), **values})
    return enterprise


def revenue(amount: str) -> dict[str, object]:
    """Operating revenue of `amount` yuan with no equity financing (so only the revenue branch can pass)."""
    return {"operating_revenue": Decimal(amount), "equity_financing_2y": Decimal("0")}


def run_scenario(user, scenario, django_capture_on_commit_callbacks):
    """Start a run and let the immediate task backend execute it once the transaction commits."""
    from littlegiant.scenarios.services import start_run

    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(scenario, by=user)
    run.refresh_from_db()
    return run
