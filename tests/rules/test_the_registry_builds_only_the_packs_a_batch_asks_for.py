"""Until something needs every pack (a list, a resolution by tier and date), the registry builds only the pack
asked for and the packs it uses: a batch of two packs does not parse the expressions of the other six."""

from littlegiant.rules.pack import PACKS_DIR
from littlegiant.rules.registry import Registry

SIZE = "cn.miit.sme-size.2011"
INNOVATIVE = "cn.miit.innovative-sme.2022"


def test_a_pack_is_built_with_the_packs_it_uses_and_no_other() -> None:
    registry = Registry()
    packs = registry.with_dependencies([INNOVATIVE])
    assert [pack.id for pack in packs] == [SIZE, INNOVATIVE]
    assert sorted(registry._built) == [INNOVATIVE, SIZE]
    assert registry._packs is None


def test_the_whole_registry_then_holds_the_same_packs_and_every_other() -> None:
    registry = Registry()
    innovative = registry.get(INNOVATIVE)
    assert registry.packs[INNOVATIVE] is innovative
    assert sorted(registry.packs) == sorted(path.stem for path in PACKS_DIR.glob("*.yaml"))
