"""The same seed gives the same province: credit codes, names and every number; another seed does not."""

from littlegiant.demo.province import build_province
from littlegiant.enterprises.models import AnnualFiling, Enterprise


def _snapshot() -> list[tuple]:
    return list(
        AnnualFiling.objects.order_by("enterprise__credit_code", "year").values_list(
            "enterprise__credit_code", "enterprise__name", "enterprise__industry_id", "year", "employees",
            "operating_revenue", "rd_expense", "net_profit", "ip_class1", "national_niche_market_share",
        )
    )  # fmt: skip


def _build(seed: int) -> list[tuple]:
    Enterprise.objects.all().delete()
    build_province(seed=seed, enterprises=120, log=lambda line: None)
    return _snapshot()


def test_the_same_seed_gives_the_same_codes_and_numbers(db):
    first = _build(7)
    second = _build(7)
    assert len(first) == 360
    assert first == second


def test_another_seed_gives_another_province(db):
    assert _build(7) != _build(8)
