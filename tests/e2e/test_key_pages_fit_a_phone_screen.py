"""Issue 11, item 8: at 390 px the pages people open on a phone read without sideways scrolling of the page
(the sign-in page, public notices, certificate verification, the review and service queues, the self-assessment
and an application); wide tables scroll inside themselves instead."""

from __future__ import annotations

import pytest

from littlegiant.accounts.demo import DEMO_PASSWORD
from tests.e2e.conftest import sign_in

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db, shorter_demo_history):
    from littlegiant.demo.build import build_demo

    return build_demo(enterprises=300, log=lambda line: None)


def phone(browser, live_server, username: str | None = None):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=PHONE, is_mobile=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    if username:
        sign_in(page, username, DEMO_PASSWORD)
        page.wait_for_load_state()
    return page


# The elements that stick out past the right edge, named for the failure message.
STICKING_OUT = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 391)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
    + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""


def page_width(page, path: str) -> tuple[int, list[str]]:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(STICKING_OUT)


def test_the_pages_a_phone_opens_fit_390_pixels(browser, live_server, demo, settings):
    settings.DEMO = True  # the sign-in page then lists the demo accounts in a table, as the review saw it
    from littlegiant.enterprises.models import Membership
    from littlegiant.recognition.models import Application, PublicNotice, Recognition

    notice = PublicNotice.objects.order_by("pk").first()
    recognition = Recognition.objects.exclude(certificate_code="").order_by("pk").first()
    owner_enterprise = Membership.objects.get(user__username="owner", role="owner").enterprise_id
    application = Application.objects.filter(enterprise_id=owner_enterprise).order_by("pk").first()
    assert notice and recognition and application, (
        "the small demo has a notice, a certificate and an application"
    )

    pages = {
        None: [
            "/accounts/login/",
            "/recognition/notices/",
            f"/recognition/notices/{notice.pk}/",
            "/recognition/recognised/",
            f"/recognition/verify/?code={recognition.certificate_code}",
        ],
        "reviewer_hangzhou": ["/", "/recognition/queue/", "/enterprises/"],
        "owner": [
            "/",
            f"/assessment/enterprises/{owner_enterprise}/",
            f"/recognition/applications/{application.pk}/",
            f"/enterprises/{owner_enterprise}/",
        ],
        "service_county": ["/services/requests/"],
    }
    too_wide = []
    for username, paths in pages.items():
        page = phone(browser, live_server, username)
        for path in paths:
            width, culprits = page_width(page, path)
            if width > PHONE["width"]:
                too_wide.append(f"{username or 'visitor'} {path}: {width} px ({', '.join(culprits)})")
        page.context.close()
    assert not too_wide, "\n".join(too_wide)
