"""General eligibility and shared derived values are written once (packs/shared/) and included by the packs that
use them; a fragment that includes itself, directly or through another, is refused naming the cycle."""

from pathlib import Path

import pytest
import yaml

from littlegiant.rules.expressions import PackError
from littlegiant.rules.pack import PACKS_DIR, SHARED_DIR, build_pack
from littlegiant.rules.registry import registry

TIER_PACKS = [p for p in registry.ids() if registry.get(p).tier]


@pytest.mark.parametrize("pack_id", TIER_PACKS)
def test_every_tier_pack_has_the_general_conditions_from_the_one_fragment(pack_id: str) -> None:
    pack = registry.get(pack_id)
    ids = [c.id for c in pack.criteria]
    assert ids[:5] == ["legal_person", "not_listed", "not_restricted", "no_incident", "sme"]
    assert (
        pack.criterion("legal_person").document
        == "工信部企业〔2022〕63号《优质中小企业梯度培育管理暂行办法》"
    )
    assert pack.criterion("legal_person").href.startswith("http://gxj.xm.gov.cn/")


def test_no_pack_file_repeats_what_a_fragment_holds() -> None:
    for path in PACKS_DIR.glob("cn.miit.*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "id: legal_person" not in text and 'id: "legal_person"' not in text, path.name
        assert 'rd_expense / operating_revenue"' not in text, path.name


def test_a_provisional_pack_includes_the_confirmed_conditions_as_secondary() -> None:
    pack = registry.get("cn.miit.srdi-sme.2026")
    assert {pack.criterion(c).confidence.value for c in ("legal_person", "sme")} == {"S"}
    assert "2022" in pack.criterion("legal_person").note_zh


def test_a_pack_gets_only_the_shared_values_it_reads() -> None:
    names = {d.id for d in registry.get("cn.miit.innovative-sme.2022").derived}
    assert "rd_ratio_prev" not in names and "rd_ratio" in names


def test_no_criterion_cites_a_file_outside_the_repository() -> None:
    for pack_id in registry.ids():
        for criterion in registry.get(pack_id).criteria:
            assert "criteria.md" not in criterion.document and "criteria.md" not in criterion.href


def _fragment(directory: Path, fragment_id: str, includes: list[str]) -> None:
    data = {"id": fragment_id, "include": includes, "derived": []}
    (directory / f"{fragment_id}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def test_a_cycle_of_fragments_is_refused_naming_it(tmp_path: Path) -> None:
    _fragment(tmp_path, "a", ["b"])
    _fragment(tmp_path, "b", ["a"])
    data = yaml.safe_load((PACKS_DIR / "cn.miit.innovative-sme.2022.yaml").read_text(encoding="utf-8"))
    data["include"] = ["a"]
    with pytest.raises(PackError, match="cycle: a → b → a"):
        build_pack(
            data, {"cn.miit.sme-size.2011": registry.get("cn.miit.sme-size.2011")}, shared_dir=tmp_path
        )


def test_an_unknown_fragment_is_refused_by_name() -> None:
    data = yaml.safe_load((PACKS_DIR / "cn.miit.innovative-sme.2022.yaml").read_text(encoding="utf-8"))
    data["include"] = ["cn.miit.nowhere"]
    with pytest.raises(PackError, match="cn.miit.nowhere"):
        build_pack(
            data, {"cn.miit.sme-size.2011": registry.get("cn.miit.sme-size.2011")}, shared_dir=SHARED_DIR
        )
