"""The pages and writes of an application season run a pinned number of queries (bench/season_pages.py lists
them on the demo): a query added to one of them fails here and must be justified, or the pin raised on purpose.

Each count includes the session and the user (2) and, on a page, the unread-notifications badge (1).
"""

from tests.cast import PASSWORD


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_an_enterprise_opens_its_draft_in_9_queries(client, draft, alice, django_assert_num_queries):
    # A draft was never submitted: no versions, draws, confirmations, spot checks or notice entries are read.
    client.force_login(alice)
    with django_assert_num_queries(9):
        _page(client, f"/recognition/applications/{draft.pk}/")


def test_a_reviewer_opens_a_submitted_application_in_15_queries(
    client, submitted, hangzhou_reviewer, django_assert_num_queries
):
    client.force_login(hangzhou_reviewer)
    with django_assert_num_queries(15):
        response = _page(client, f"/recognition/applications/{submitted.pk}/")
    assert response.context["may_review"]


def test_an_enterprise_starts_an_application_in_21_queries(
    client, srdi_programme, alice, alpha, django_assert_num_queries
):
    client.force_login(alice)
    with django_assert_num_queries(21):
        response = client.post(
            "/recognition/applications/start/", {"programme": srdi_programme.pk, "enterprise": alpha.pk}
        )
    assert response.status_code == 302
    assert "/recognition/applications/" in response["Location"]


def test_an_enterprise_submits_its_draft_in_21_queries(client, draft, alice, django_assert_num_queries):
    client.force_login(alice)
    with django_assert_num_queries(21):
        response = client.post(
            f"/recognition/applications/{draft.pk}/submit/", {"pledge": "on", "version": draft.version}
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "in_review"


def test_a_reviewer_returns_an_application_in_19_queries(
    client, submitted, hangzhou_reviewer, django_assert_num_queries
):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    with django_assert_num_queries(19):
        response = client.post(
            f"/recognition/applications/{submitted.pk}/decide/",
            {"decision": "return", "comment": "请补充审计报告", "version": submitted.version},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "returned"
