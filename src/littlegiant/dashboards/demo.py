"""The national roll-up of the demo: the seed's reported national figures as demonstration summary rows for
the provinces outside the demo province, so that the national page is meaningful beside the province the
demo holds in full detail.

The rows are marked as demo data everywhere they are counted. The seed reports little giants and SRDI SMEs
only (over 140,000 including 12,000 little giants): the innovative SMEs and the register outside the demo
province are not reported, so they stay zero rather than invented. What the demo province already counts is
taken off the national totals first, so the country adds up to the reported figures; the rest is spread over
the other provinces in proportion to their county-level units (a neutral public proxy, not a reported split).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Sum
from django.utils import timezone

from littlegiant.accounts.demo import DemoAccount
from littlegiant.dashboards import official
from littlegiant.dashboards.board import valid_titles
from littlegiant.dashboards.rebuild import rebuild
from littlegiant.figures.models import RegionalRollup, TitleCount
from littlegiant.reference.models import Region, RegionLevel

# The demo province (demo.province.PROVINCE_CODE; demo sits above this app, so the code is repeated as the
# other apps' builders do).
PROVINCE_CODE = "330000"
NOTE = "演示数据：按各省县级单位数分摊种子文件报告的全国数字 · demo: the seed's national figures spread by county count"


def _spread(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split `total` in proportion to `weights` (largest remainders), so that the parts add up exactly."""
    whole = sum(weights.values())
    if total <= 0 or not whole:
        return dict.fromkeys(weights, 0)
    exact = {code: total * weight / whole for code, weight in weights.items()}
    parts = {code: int(value) for code, value in exact.items()}
    short = total - sum(parts.values())
    for code in sorted(exact, key=lambda c: exact[c] - parts[c], reverse=True)[:short]:
        parts[code] += 1
    return parts


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """Rebuild the summary tables from what the other demos made, then add the roll-up of the other provinces."""
    counted = rebuild()
    log(f"  figures rebuilt: {counted['titles']} titles, {counted['enterprises']} enterprises")
    own = {
        row["tier"]: row["n"] or 0
        for row in valid_titles(
            TitleCount.objects.filter(grain=TitleCount.Grain.REGION, region__province_code=PROVINCE_CODE),
            timezone.localdate(),
        )
        .values("tier")
        .annotate(n=Sum("n"))
    }
    reported = official.national()
    little_giants = reported["little_giant"].value - own.get("little_giant", 0)
    srdi_only = (
        reported["srdi_and_little_giant"].value - reported["little_giant"].value - own.get("srdi_sme", 0)
    )
    weights = dict(
        Region.objects.filter(level=RegionLevel.COUNTY)
        .exclude(province_code=PROVINCE_CODE)
        .values_list("province_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    little = _spread(little_giants, weights)
    srdi = _spread(srdi_only, weights)
    RegionalRollup.objects.all().delete()
    RegionalRollup.objects.bulk_create(
        [
            RegionalRollup(region_id=code, srdi_sme=srdi[code], little_giant=little[code], note=NOTE)
            for code in sorted(weights)
        ]
    )
    log(
        f"  national roll-up (demo): {sum(srdi.values())} SRDI SMEs and {sum(little.values())} little giants "
        f"over {len(weights)} provinces"
    )
    return []
