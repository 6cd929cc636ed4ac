"""What the apps' demos that run over the register start from: the demo province, the latest year it filed for
and the provincial reviewer who acts on it. The register itself is built by `littlegiant.demo` (this module has
no `build()` and is not in `demo.build.APP_DEMOS`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from littlegiant.accounts.demo import DEMO_PROVINCE, demo_provincial_reviewer
from littlegiant.accounts.models import User
from littlegiant.enterprises.services import latest_filing_year
from littlegiant.reference.models import Region


@dataclass(frozen=True, slots=True)
class DemoRegister:
    """The demo province's register as an app's demo finds it."""

    official: User
    province: Region
    year: int


def demo_register(app: str, log: Callable[[str], None], *, nothing: str) -> DemoRegister | None:
    """The demo province, its latest filing year and its provincial reviewer; None, after logging `nothing` (what
    the app's demo then does not build), when the people or the filings are not there yet."""
    official = demo_provincial_reviewer()
    if official is None:
        log(f"{app}: no provincial reviewer for Zhejiang in the demo; {nothing}")
        return None
    province = Region.objects.get(pk=DEMO_PROVINCE)
    year = latest_filing_year(province)
    if year is None:
        log(f"{app}: the demo province has no filings; {nothing}")
        return None
    return DemoRegister(official=official, province=province, year=year)
