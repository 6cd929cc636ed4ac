"""Issue 11, item 5: the enterprise's home says what to do next; a returned application comes first, with a link
to it, and the reviewer's home counts what waits at their stage."""

from __future__ import annotations

from littlegiant.recognition import services
from tests.recognition.conftest import make_programme


def test_the_owner_is_told_to_correct_and_resubmit(client, alice, alpha, hangzhou_reviewer):
    application = services.start_application(make_programme("srdi_sme"), alpha, by=alice)
    application = services.submit(application, by=alice, pledge=True)
    client.force_login(hangzhou_reviewer)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 application waits for your review." in home

    services.return_for_correction(application, by=hangzhou_reviewer, note="请补充研发费用审计报告。")
    client.force_login(alice)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    todo = home[home.index("What to do next") :]
    assert "was returned: correct it and submit again." in todo
    assert f'href="/recognition/applications/{application.pk}/"' in todo


def test_with_nothing_open_the_list_says_so(client, alice, alpha):
    client.force_login(alice)
    assert "Nothing is waiting for you." in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
