"""Decision D21 in recognition: an application to a review programme (复核) is assessed as a review, so the
2026 little giant's two-year growth test (D20, 附件2 条件（二）) is not checked for it; a new one is."""

import datetime as dt

from littlegiant.recognition import services

LITTLE_GIANT_2026 = "cn.miit.little-giant.2026"
# Revenue grew 4% over two years: under the 5% compound growth the 2026 standard asks of a new application.
VALUES = {"operating_revenue": 104_000_000, "operating_revenue_prev2": 100_000_000}


def _growth(kind: str) -> str:
    explanation = services.assess(VALUES, LITTLE_GIANT_2026, dt.date(2026, 12, 3), application_kind=kind)
    criteria = {c["id"]: c for c in explanation[LITTLE_GIANT_2026]["criteria"]}
    return criteria["revenue_growth"]["status"]


def test_a_review_skips_the_growth_test_a_new_application_fails() -> None:
    assert _growth("review") == "met"
    assert _growth("new") == "unmet"
