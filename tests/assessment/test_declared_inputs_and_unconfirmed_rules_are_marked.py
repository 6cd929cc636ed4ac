from django.urls import reverse

from littlegiant.assessment.services import assess_filing


def test_the_page_says_declared_to_be_confirmed_and_secondary_source(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    html = response.content.decode()
    documents = response.context["documents"]
    criteria = [c for d in documents for c in d["criteria"]]
    assert any(c["declared"] for c in criteria)
    assert "申报待核实" in html
    if any(c["confidence"] == "S" for c in criteria):
        assert "二手来源" in html
    if any(c["confidence"] == "U" for c in criteria):
        assert "未确认" in html


def test_a_provisional_2026_pack_is_flagged(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]), {"pack": "cn.miit.srdi-sme.2026"})
    document = response.context["documents"][0]
    assert document["pack"]["provisional"] is True
    assert 'class="tag secondary"' in response.content.decode()


def test_the_explanation_keeps_each_rules_confidence(alpha):
    documents = assess_filing(alpha.filings.get(), ["cn.miit.srdi-sme.2022"])
    tags = {c["confidence"] for c in documents["cn.miit.srdi-sme.2022"]["criteria"]}
    assert tags <= {"C", "S", "U"}
    assert "S" in tags  # indicators 10, 12 and 13 are secondary (criteria.md §3.3)
