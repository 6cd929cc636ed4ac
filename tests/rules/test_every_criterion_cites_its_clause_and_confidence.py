"""Every criterion of every pack cites its clause and carries a confidence tag; the 2026 packs are
provisional and
mark every rule secondary (criteria.md Appendix A)."""

from littlegiant.rules.pack import Confidence
from littlegiant.rules.registry import registry


def test_every_criterion_has_a_clause_and_a_tag() -> None:
    for pack_id in registry.ids():
        for criterion in registry.get(pack_id).criteria:
            assert criterion.clause.strip(), (pack_id, criterion.id)
            assert criterion.confidence in set(Confidence)


def test_the_2026_packs_are_provisional_and_never_confirmed() -> None:
    for pack_id in ("cn.miit.srdi-sme.2026", "cn.miit.little-giant.2026"):
        pack = registry.get(pack_id)
        assert pack.provisional
        assert all(c.confidence != Confidence.CONFIRMED for c in pack.criteria)


def test_required_fields_list_what_a_form_must_ask() -> None:
    """ "Which inputs does this output need?" — the SRDI 2022 pack reads R&D, revenue, IP and the
    declarations.
    """
    fields = registry.get("cn.miit.srdi-sme.2022").required_fields()
    assert {"rd_expense", "operating_revenue", "main_business_revenue_prev2", "digital_level"} <= set(fields)
    assert "holds_srdi_title" not in fields
    assert registry.get("cn.miit.sme-size.2011").required_fields() == [
        "employees", "industry_code", "operating_revenue", "total_assets",
    ]  # fmt: skip
