"""Each kind of criterion holds only its own fields: a pack file giving a condition bands, an indicator a test
or a composition a gap is refused, the error naming the pack, the criterion and the key that does not belong."""

import copy

import pytest
import yaml

from littlegiant.rules.expressions import PackError
from littlegiant.rules.pack import PACKS_DIR, Composition, Condition, Indicator, ScoreThreshold, build_pack
from littlegiant.rules.registry import registry


def innovative_pack() -> dict:
    return yaml.safe_load((PACKS_DIR / "cn.miit.innovative-sme.2022.yaml").read_text(encoding="utf-8"))


def criterion(data: dict, criterion_id: str) -> dict:
    return next(c for c in data["criteria"] if c["id"] == criterion_id)


def load(data: dict):
    return build_pack(data, {"cn.miit.sme-size.2011": registry.get("cn.miit.sme-size.2011")})


CASES = [
    ("bands on a condition", lambda d: criterion(d, "direct_equity").update(bands=[]),
     ["criterion direct_equity", "bands does not belong to a route decided by a test"]),
    ("a test on an indicator", lambda d: criterion(d, "rd_intensity").update(test="TRUE"),
     ["criterion rd_intensity", "test does not belong to an indicator"]),
    ("options beside bands", lambda d: criterion(d, "rd_intensity").update(options=[]),
     ["criterion rd_intensity", "options does not belong to an indicator scored by bands"]),
    ("a gap on a score threshold", lambda d: criterion(d, "score_route").update(gap={"field": "operating_revenue", "direction": "up"}),  # noqa: E501
     ["criterion score_route", "gap does not belong to a route on the score"]),
]  # fmt: skip


@pytest.mark.parametrize("problem, break_it, expected", CASES, ids=[c[0] for c in CASES])
def test_the_error_names_the_criterion_and_the_key_of_another_kind(problem, break_it, expected) -> None:
    data = copy.deepcopy(innovative_pack())
    break_it(data)
    with pytest.raises(PackError) as error:
        load(data)
    assert "pack cn.miit.innovative-sme.2022" in str(error.value)
    for part in expected:
        assert part in str(error.value), (problem, str(error.value))


def test_each_criterion_is_built_as_the_type_of_its_kind() -> None:
    pack = load(copy.deepcopy(innovative_pack()))
    assert isinstance(pack.criterion("rd_intensity"), Indicator)
    assert isinstance(pack.criterion("direct_equity"), Condition)
    assert isinstance(pack.criterion("score_route"), ScoreThreshold)
    assert any(isinstance(c, Composition) for c in pack.criteria)
    assert not hasattr(pack.criterion("direct_equity"), "bands")
