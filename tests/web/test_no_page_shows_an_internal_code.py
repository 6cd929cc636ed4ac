"""Issue 11, item 7: every page, walked as every demo account (and signed out), names things instead of showing
internal codes: no raw status code, rule id, pack id or boolean in the rendered text, and no unstyled error page.

The walk follows the links each page offers (GET only, never sign-out or downloads) and opens at most two pages of
each URL shape (digits folded), so it covers every page a person can reach by clicking without opening thousands.
Pages are read in Chinese, the platform's first language, where an ASCII identifier is never a word of the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.test import Client

from littlegiant.accounts.demo import DEMO_PASSWORD
from littlegiant.rules.pack import INSUFFICIENT, SIZE_OUTCOMES, TIER_OUTCOMES

pytestmark = pytest.mark.django_db(transaction=False)

PAGES_PER_SHAPE = 2
PAGES_PER_ACCOUNT = 160
SKIPPED = re.compile(
    r"^/(admin|api|i18n|static|media)/|/logout/|/export|/download|\.(csv|xlsx|parquet|pdf|json|png|svg)$|/file/"
)

# What an internal code looks like in the text of a Chinese page.
RAW_PATTERNS = {
    "boolean or None": re.compile(r"(?<![\w.])(True|False|None)(?![\w.])"),
    "snake_case id (status, rule id, field)": re.compile(
        r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])"
    ),
    "pack id": re.compile(r"\bcn\.[a-z]+\.[a-z0-9.-]+"),
    "stage code": re.compile(r"\b[a-z_]+@[a-z]+\b"),
    "state arrow between codes": re.compile(r"\b[a-z_]+ → [a-z_]+\b|— → [a-z_]+"),
}

# Findings that remain in the recognition app, whose templates its own helper is rewriting (issue 11, items 2 and
# 4): listed, each with its source, so that this test holds everything else to the rule now and the lead can
# delete these lines once recognition's branch is merged (the test must then pass with the dict empty).
# The rule engine's outcome and size-class codes, which no model field lists as a choice.
ENGINE_CODES = {*SIZE_OUTCOMES, *TIER_OUTCOMES, INSUFFICIENT}


def choice_codes() -> set[str]:
    """Every lower-case choice value of every model field: the status, role and size codes a page could leak."""
    codes: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("littlegiant."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "choices", None) or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z_]{2,}", value):
                    codes.add(value)
    return codes | ENGINE_CODES


class VisibleText(HTMLParser):
    """The text a reader sees (script, style and <code> excluded), the links on the page, and its stylesheet."""

    HIDDEN = {"script", "style", "code", "textarea"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self.styled = False
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.links.append(attributes["href"] or "")
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.styled = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(client: Client, codes: re.Pattern[str]) -> tuple[dict[str, list[str]], int]:
    """Open every reachable page; return the findings by page and how many pages were read."""
    findings: dict[str, list[str]] = defaultdict(list)
    seen_shapes: dict[str, int] = defaultdict(int)
    queue, seen = ["/"], {"/"}
    read = 0
    while queue and read < PAGES_PER_ACCOUNT:
        path = queue.pop(0)
        response = client.get(path, follow=True)
        read += 1
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type:
            continue
        parser = VisibleText()
        parser.feed(response.content.decode("utf-8", "replace"))
        if response.status_code >= 400 and not parser.styled:
            findings[path].append(f"unstyled error page {response.status_code}")
        for name, pattern in RAW_PATTERNS.items():
            for match in pattern.findall(parser.text):
                findings[path].append(f"{name}: {match}")
        for match in codes.findall(parser.text):
            findings[path].append(f"choice code: {match}")
        for href in parser.links:
            target = urlsplit(urljoin(path, href))
            if target.netloc and target.netloc != "testserver":
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link in seen or SKIPPED.search(target.path) or not target.path.startswith("/"):
                continue
            key = shape(target.path)
            if seen_shapes[key] >= PAGES_PER_SHAPE:
                continue
            seen_shapes[key] += 1
            seen.add(link)
            queue.append(link)
    return findings, read


def test_no_page_shows_a_raw_code_to_any_demo_account_or_a_visitor(small_demo_with_apps):
    demo = small_demo_with_apps
    codes = re.compile(
        r"(?<![\w./-])(" + "|".join(sorted(choice_codes(), key=len, reverse=True)) + r")(?![\w/-])"
    )
    report: list[str] = []
    people = [None, *[account.username for account in demo.accounts]]
    for username in people:
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        if username is not None:
            assert client.login(username=username, password=DEMO_PASSWORD), username
        findings, read = walk(client, codes)
        assert read > 3, f"{username} reached only {read} pages"
        print(f"{username or 'visitor'}: {read} pages")  # shown with -s: how far the walk went
        for path, found in sorted(findings.items()):
            for finding in sorted(set(found)):
                report.append(f"{username or 'visitor'} {path}: {finding}")
    assert not report, "\n".join(report)
