"""Journey (issue 17): an enterprise answers the digital-level questionnaire over two sittings, sees its
provisional level and the gap to the next, files a digital-transformation service request from the result;
the Hangzhou official's 2027 tracker then counts it at the goal (level 2 or above, D18)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.digital.conftest import little_giants  # noqa: F401 - the fixture, used by name below
from tests.e2e.conftest import sign_in


def _sign_out(page) -> None:
    page.click("form.sign-out button[type=submit]")


def _tick(page, name: str, values: list[str]) -> None:
    for value in values:
        page.check(f"input[name={name}][value={value}]")


def test_two_sittings_a_level_a_request_and_the_tracker_counts_it(page, little_giants, hangzhou_reviewer):  # noqa: F811
    alpha, _beta = little_giants
    # First sitting: the foundation page (40 points: Q1, Q4 all; Q2, Q3 above 60 %; Q5 全覆盖), then stop.
    sign_in(page, "alice", PASSWORD)
    page.goto("/digital/")
    page.click("main form.inline button")
    expect(page).to_have_url(re.compile(r"/digital/\d+/section/foundation/$"))
    _tick(page, "q1", ["B", "C", "D", "E"])
    page.fill("input[name=q2]", "100")
    page.fill("input[name=q3]", "60.5")
    _tick(page, "q4", ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O"])
    page.check("input[name=q5][value=E]")
    _tick(page, "q6", ["A"])
    _tick(page, "q7", ["A"])
    page.click("main button[name=stop]")
    expect(page).to_have_url(re.compile(r"/digital/$"))
    _sign_out(page)

    # Second sitting: it resumes at the management page.
    sign_in(page, "alice", PASSWORD)
    page.goto("/digital/")
    page.click("main form.inline button")
    expect(page).to_have_url(re.compile(r"/section/management/$"))
    page.check("input[name=q8][value=A]")
    _tick(page, "q9", ["A"])
    _tick(page, "q10", ["A"])
    page.fill("input[name=q11]", "10")  # exactly 10 %: in [0-10%], 0 points
    page.click("main button[name=next]")
    for name in ("q12", "q13", "q14", "q15"):
        page.check(f"input[name={name}][value=A]")
    page.click("main button[name=next]")
    expect(page).to_have_url(re.compile(r"/section/operations/$"))
    page.check("input[name=s1][value='2']")
    page.click("main button[name=next]")
    page.check("input[name=pledge]")
    page.click("main form.card button")

    # The result: level 2 (provisional), 20 points to level 3.
    expect(page.locator("#digital-score")).to_contain_text("40")
    expect(page.locator("#digital-level")).to_contain_text("2")
    expect(page.locator("#digital-gap")).to_contain_text("+20")
    expect(page.locator("#request-help textarea")).to_contain_text("数字化")
    page.click("#request-help button")
    expect(page).to_have_url(re.compile(r"/services/requests/\d+/$"))
    _sign_out(page)

    # The municipal official's tracker counts Alpha at the goal.
    sign_in(page, "hangzhou_reviewer", PASSWORD)
    page.goto("/digital/tracker/")
    expect(page.locator("#tracker-total")).to_have_text("1")
    expect(page.locator("#tracker-at-goal")).to_have_text("1")
    expect(page.locator("#tracker-share")).to_have_text("100.0%")
