"""A little-giant application in a browser: city and province pass it, the ministry draws experts at random,
each expert scores it, the national reviewer passes and recognises it."""

from __future__ import annotations

import pytest

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in
from tests.e2e.test_srdi_application_journey import decide, person, recognise
from tests.recognition.conftest import ensure_reference_data, make_programme


@pytest.fixture
def programme(transactional_db):
    ensure_reference_data()
    return make_programme(
        "little_giant",
        title="第八批专精特新“小巨人”企业培育",
        stages=[
            {"level": "municipal"},
            {"level": "provincial"},
            {
                "level": "national",
                "expert_review": True,
                "expert_count": 3,
                "exclude_same_province_experts": True,
            },
        ],
    )


def test_a_little_giant_is_recognised_after_the_expert_draw(
    page,
    browser,
    live_server,
    programme,
    alice,
    alpha,
    hangzhou_reviewer,
    provincial_reviewer,
    national_reviewer,
    expert_pool,
):
    from littlegiant.recognition.models import Application, ExpertDraw, Recognition

    sign_in(page, "alice", PASSWORD)
    page.goto("/recognition/")
    page.select_option("form.start-application select[name=programme]", str(programme.pk))
    page.click("form.start-application button[type=submit]")
    page.wait_for_url("**/recognition/applications/*/")
    application = Application.objects.get(enterprise=alpha)
    page.check("form.submit-application input[name=pledge]")
    page.click("form.submit-application button[type=submit]")
    page.wait_for_selector("#application-status.status-in_review")

    city = person(browser, live_server, "hangzhou_reviewer")
    decide(city, application.pk, "pass", "推荐")
    province = person(browser, live_server, "provincial_reviewer")
    decide(province, application.pk, "pass", "推荐至工业和信息化部")

    ministry = person(browser, live_server, "national_reviewer")
    ministry.goto(f"/recognition/applications/{application.pk}/")
    ministry.click("button.draw-experts")
    ministry.wait_for_selector(".messages li.success")
    draw = ExpertDraw.objects.get(application=application)
    excluded = {item["reason"] for item in draw.excluded}
    assert excluded == {"linked", "same_province"}

    for review in draw.reviews.select_related("expert__user"):
        expert = person(browser, live_server, review.expert.user.username)
        expert.goto("/recognition/")
        expert.click(f"a[href='/recognition/expert-reviews/{review.pk}/']")
        for item in programme.review_form:
            expert.fill(f"form.expert-score input[name=score_{item['key']}]", "20")
        expert.fill("form.expert-score textarea[name=comment]", "细分领域优势明显。")
        expert.click("form.expert-score button[type=submit]")
        expert.wait_for_selector(".messages li.success")

    ministry.goto(f"/recognition/applications/{application.pk}/")
    assert ministry.inner_text("#expert-mean") == "80.00"
    decide(ministry, application.pk, "pass", "专家评审通过")
    ministry.wait_for_selector("#application-status.status-passed")
    recognise(ministry, programme.pk, "工业和信息化部")
    recognition = Recognition.objects.get(enterprise=alpha)
    assert recognition.tier == "little_giant"
