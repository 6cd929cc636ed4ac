"""Pages are in Simplified Chinese unless the person chooses English with the header's switch."""

from django.urls import reverse


def test_the_default_language_is_simplified_chinese(client, alice):
    client.force_login(alice)
    html = client.get(reverse("web:home")).content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "欢迎" in html
    assert "最新数据年度" in html


def test_the_switch_turns_the_page_english(client, alice):
    client.force_login(alice)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("web:home")})
    assert response.status_code == 302
    html = client.get(reverse("web:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Welcome" in html
    assert "Latest data year" in html


def test_the_switch_marks_the_current_language(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'value="zh-hans" lang="zh-Hans" aria-current="true" disabled' in html
    assert 'value="en" lang="en">' in html
