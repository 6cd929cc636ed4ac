"""A pack is checked when loaded: the error names the pack, the criterion and what is wrong (the offending
token).
"""

import copy
from pathlib import Path

import pytest
import yaml

from littlegiant.rules.expressions import PackError
from littlegiant.rules.pack import PACKS_DIR, build_pack
from littlegiant.rules.registry import registry


def innovative_pack() -> dict:
    return yaml.safe_load((PACKS_DIR / "cn.miit.innovative-sme.2022.yaml").read_text(encoding="utf-8"))


def criterion(data: dict, criterion_id: str) -> dict:
    return next(c for c in data["criteria"] if c["id"] == criterion_id)


def load(data: dict) -> None:
    build_pack(data, {"cn.miit.sme-size.2011": registry.get("cn.miit.sme-size.2011")})


CASES = [
    ("an unknown field", lambda d: criterion(d, "direct_equity").update(test="equity_financing_9y >= 5000000"),  # noqa: E501
     ["pack cn.miit.innovative-sme.2022", "criterion direct_equity", "equity_financing_9y"]),
    ("a function outside the subset", lambda d: criterion(d, "direct_equity").update(test="ABS(equity_financing_3y) >= 1"),  # noqa: E501
     ["criterion direct_equity", "ABS"]),
    ("a subquery", lambda d: criterion(d, "direct_honour").update(test="innovation_honour_valid IN (SELECT 1)"),  # noqa: E501
     ["criterion direct_honour", "IN"]),
    ("a float literal in scientific notation", lambda d: criterion(d, "direct_equity").update(test="equity_financing_3y >= 5e6"),  # noqa: E501
     ["criterion direct_equity", "5e6"]),
    ("an enum value that is not a choice", lambda d: criterion(d, "direct_rd_institution").update(test="rd_institution_level = 'ministerial'"),  # noqa: E501
     ["criterion direct_rd_institution", "ministerial"]),
    ("a missing clause", lambda d: criterion(d, "rd_intensity").pop("clause"),
     ["criterion rd_intensity", "clause"]),
    ("a bad confidence tag", lambda d: criterion(d, "rd_intensity").update(confidence="X"),
     ["criterion rd_intensity", "confidence must be C, S or U", "'X'"]),
    ("overlapping bands", lambda d: criterion(d, "rd_intensity")["bands"][1].update(to=0.06),
     ["criterion rd_intensity", "overlap"]),
    ("bands leaving a gap", lambda d: criterion(d, "rd_intensity")["bands"][2].update(to=0.025),
     ["criterion rd_intensity", "gap"]),
    ("bands leaving the top open", lambda d: criterion(d, "rd_intensity")["bands"][0].update(to=0.5),
     ["criterion rd_intensity", "gap above"]),
    ("an outcome reading a non-criterion", lambda d: d["outcomes"][0].update(when="rd_ratio"),
     ["outcome qualified", "rd_ratio"]),
    ("a number compared with a boolean", lambda d: criterion(d, "direct_honour").update(test="innovation_honour_valid > 1"),  # noqa: E501
     ["criterion direct_honour", "compare"]),
    ("indicators not adding up to the category maximum", lambda d: d["categories"][1].update(max=35),
     ["category growth", "add up"]),
    ("a confirmed rule in a provisional pack", lambda d: d.update(provisional=True),
     ["criterion legal_person", "provisional"]),
    ("an unknown key", lambda d: criterion(d, "ip").update(weight=2),
     ["criterion ip", "weight"]),
]  # fmt: skip


@pytest.mark.parametrize("problem, break_it, expected", CASES, ids=[c[0] for c in CASES])
def test_the_error_names_the_pack_the_criterion_and_the_token(
    problem: str, break_it, expected: list[str]
) -> None:  # noqa: E501
    data = copy.deepcopy(innovative_pack())
    break_it(data)
    with pytest.raises(PackError) as error:
        load(data)
    for part in expected:
        assert part in str(error.value), (problem, str(error.value))


def test_the_shipped_packs_all_load(tmp_path: Path) -> None:
    assert registry.ids() == [
        "cn.miit.innovative-sme.2022",
        "cn.miit.little-giant.2022",
        "cn.miit.little-giant.2026",
        "cn.miit.sme-size.2011",
        "cn.miit.srdi-sme.2022",
        "cn.miit.srdi-sme.2026",
        "cn.mof.rd-super-deduction.2023",
    ]
