"""Issue 11, item 7 (UX review defect 11): 403, 404 and 500 are pages of the site, in both languages, with a way
back, instead of a bare English "403 Forbidden"."""

from django.template.loader import render_to_string


def test_a_missing_page_says_so_in_both_languages(client, db):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "找不到此页面" in page and "Page not found" in page
    assert "littlegiant/site.css" in page and 'href="/"' in page


def test_a_refusal_in_a_view_is_a_branded_403_that_gives_the_reason(client, alice):
    client.force_login(alice)
    response = client.get("/discovery/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "您无权查看此页面" in page and "You may not open this page" in page
    assert "site-header" in page


def test_the_server_error_page_stands_alone_and_styled():
    page = render_to_string("500.html")
    assert "服务器出错了" in page and "Something went wrong on our side" in page
    assert "littlegiant/site.css" in page
