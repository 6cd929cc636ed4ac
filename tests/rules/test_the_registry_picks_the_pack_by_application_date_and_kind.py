"""Decision D11: "applications from 2026-04-01 use the 2026 measures where they changed the criteria; the
innovative-SME standard stays 2022 (Art. 30); reviews follow the notice that launched them" (2026 little-giant
reviews: 工信厅企业函〔2026〕117号, the 2022 standard)."""

import datetime as dt

import pytest

from littlegiant.rules import PackNotFound, registry

BEFORE, FROM = dt.date(2026, 3, 31), dt.date(2026, 4, 1)


@pytest.mark.parametrize(
    "tier, day, kind, expected",
    [
        ("innovative_sme", BEFORE, "new", "cn.miit.innovative-sme.2022"),
        ("innovative_sme", FROM, "new", "cn.miit.innovative-sme.2022"),
        ("innovative_sme", FROM, "review", "cn.miit.innovative-sme.2022"),
        ("srdi_sme", BEFORE, "new", "cn.miit.srdi-sme.2022"),
        ("srdi_sme", FROM, "new", "cn.miit.srdi-sme.2026"),
        ("srdi_sme", FROM, "review", "cn.miit.srdi-sme.2022"),
        ("little_giant", BEFORE, "new", "cn.miit.little-giant.2022"),
        ("little_giant", FROM, "new", "cn.miit.little-giant.2026"),
        ("little_giant", dt.date(2026, 5, 1), "review", "cn.miit.little-giant.2022"),
    ],
)
def test_resolve(tier: str, day: dt.date, kind: str, expected: str) -> None:
    assert registry.resolve(tier, day, kind).id == expected


def test_unknown_ids_tiers_and_kinds_raise_pack_not_found() -> None:
    with pytest.raises(PackNotFound, match="cn.miit.nothing"):
        registry.get("cn.miit.nothing")
    with pytest.raises(PackNotFound, match="tier"):
        registry.resolve("champion", FROM)
    with pytest.raises(PackNotFound, match="kind"):
        registry.resolve("srdi_sme", FROM, "renewal")
