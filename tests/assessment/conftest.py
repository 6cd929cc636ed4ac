"""Assessment tests keep screening results in a temporary folder, never under var/."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def set_filing(enterprise, **values):
    """Change some fields of the enterprise's latest filing."""
    filing = enterprise.filings.order_by("-year").first()
    for name, value in values.items():
        setattr(filing, name, value)
    filing.save()
    return filing


def srdi_ready_values() -> dict[str, object]:
    """Inputs that the 2026 SRDI pack also needs, so good_filing_values() passes it (criteria.md App. A)."""
    from decimal import Decimal

    return {
        "holds_tech_innovative_title": True,
        "market_share_leading": True,
        "development_eval_score": Decimal("72"),
        "development_eval_score_prev": Decimal("68"),
        "niche_market_rank_domestic": 6,
        "international_niche_market_share": Decimal("0.01"),
        "holds_srdi_title": False,
    }


def add_enterprises(county: str, count: int, *, year: int = 2025, prefix: str = "MA3C") -> list:
    """`count` more enterprises in a county, each with a filing for `year`."""
    from littlegiant.enterprises.models import AnnualFiling
    from tests.cast import good_filing_values, make_enterprise

    enterprises = []
    for n in range(count):
        enterprise = make_enterprise(f"测试企业{county}{n:03d}有限公司", county, f"{prefix}{n:04d}")
        AnnualFiling.objects.create(enterprise=enterprise, year=year, **good_filing_values())
        enterprises.append(enterprise)
    return enterprises


def screen(
    user, django_capture_on_commit_callbacks, packs=("cn.miit.srdi-sme.2022",), year=2025, region=None
):
    """Start a screening and let the immediate task backend run it once the transaction commits."""
    from littlegiant.assessment.services import start_screening

    with django_capture_on_commit_callbacks(execute=True):
        run = start_screening(user, list(packs), year, region)
    run.refresh_from_db()
    return run
