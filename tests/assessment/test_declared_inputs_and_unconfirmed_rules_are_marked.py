from django.urls import reverse


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
