"""The explanation keeps each rule's confidence."""

from littlegiant.assessment.services import assess_filing


def test_the_explanation_keeps_each_rules_confidence(alpha):
    documents = assess_filing(alpha.filings.get(), ["cn.miit.srdi-sme.2022"])
    tags = {c["confidence"] for c in documents["cn.miit.srdi-sme.2022"]["criteria"]}
    assert tags <= {"C", "S", "U"}
    assert "S" in tags  # indicators 10, 12 and 13 are secondary (criteria.md §3.3)
