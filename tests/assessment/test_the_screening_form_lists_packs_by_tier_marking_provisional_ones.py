"""The screening form offers the size pack first, then the tiers in order (innovative SME, SRDI SME, little
giant), each tier's packs oldest first, then the calculation packs (the R&D super-deduction); packs encoded from
secondary sources say so."""

from django.utils import translation

from littlegiant.assessment.forms import pack_choices


def test_packs_run_by_tier_and_the_provisional_ones_are_marked():
    with translation.override("en"):
        choices = pack_choices()
    assert [pack_id for pack_id, _ in choices] == [
        "cn.miit.sme-size.2011",
        "cn.miit.innovative-sme.2022",
        "cn.miit.srdi-sme.2022",
        "cn.miit.srdi-sme.2026",
        "cn.miit.little-giant.2022",
        "cn.miit.little-giant.2026",
        "cn.mof.rd-super-deduction.2023",
    ]
    labels = dict(choices)
    assert labels["cn.miit.srdi-sme.2026"].endswith("provisional: secondary sources")
    assert "provisional" not in labels["cn.miit.srdi-sme.2022"]
