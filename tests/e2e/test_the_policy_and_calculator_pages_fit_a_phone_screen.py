"""Issue 12 at 390 px in Chinese: the pages of policy matching (the catalogue, a policy, a new policy, an
enterprise's matches), the R&D calculator (its parameters open with a field's error) and a screening's page
with the tax expenditure read without sideways scrolling of the page; wide tables scroll inside themselves."""

from __future__ import annotations

import pytest

from tests.e2e.test_key_pages_fit_a_phone_screen import demo, phone  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_policy_and_calculator_pages_fit_390_pixels(browser, live_server, demo, tmp_path):  # noqa: F811
    from littlegiant.accounts.models import User
    from littlegiant.assessment.execution import execute_screening
    from littlegiant.assessment.services import start_screening
    from littlegiant.enterprises.models import Membership
    from littlegiant.policies.models import Policy

    owner_enterprise = Membership.objects.get(user__username="owner", role="owner").enterprise_id
    policy = Policy.objects.order_by("pk").first()
    assert policy is not None, "the demo has policies"
    reviewer = User.objects.get(username="reviewer_zhejiang")
    run = start_screening(reviewer, ["cn.mof.rd-super-deduction.2023"], 2025, None, enqueue=False)
    execute_screening(run.pk)
    pages = {
        "owner": [
            f"/policies/enterprises/{owner_enterprise}/",
            f"/assessment/enterprises/{owner_enterprise}/rd-calculator/?rate=1.2&extra=100000",
            f"/assessment/enterprises/{owner_enterprise}/rd-calculator/?rate=6",
        ],
        "reviewer_zhejiang": [
            "/policies/",
            f"/policies/{policy.pk}/",
            "/policies/new/",
            "/assessment/screening/",
        ],
    }
    too_wide = []
    for username, paths in pages.items():
        page = phone(browser, live_server, username)
        for index, path in enumerate(paths):
            response = page.goto(path)
            assert response is not None and response.status in (200, 422), (
                f"{path}: {response and response.status}"
            )
            width = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=tmp_path / f"{username}-{index}.png", full_page=True)
            if width > 390:
                too_wide.append(f"{username} {path}: {width}px")
        page.context.close()
    print(f"screenshots in {tmp_path}")
    assert not too_wide, too_wide
