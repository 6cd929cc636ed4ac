"""Without JavaScript the self-assessment links load the whole page."""

from django.urls import reverse


def test_without_javascript_the_links_load_the_whole_page(client, alice, alpha):
    client.force_login(alice)
    url = reverse("assessment:self", args=[alpha.pk])
    html = client.get(url, {"pack": "cn.miit.srdi-sme.2022"}).content.decode()
    assert "<html" in html
    assert 'href="?year=2025&amp;pack=cn.miit.srdi-sme.2022"' in html
