"""Application season under load: the production server (littlegiant serve) on PostgreSQL with the demo province.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lg_production .venv/bin/python bench/season.py

The demo must be built in that database first (`LITTLEGIANT_DEMO=true littlegiant demo`, 20,000 enterprises).
Phase 1: USERS virtual people for DURATION seconds, each pausing 1-5 s between pages: enterprises (self-assess,
open and save the filing, apply with an evidence upload, submit), reviewers (queue, open, pass or return), public
readers (notices, certificate verification, patent search), and one province-wide batch screening started with
them. People arrive over RAMP seconds and sign in once, as a browser keeps its session cookie: an enterprise
person is the filing officer of a group of enterprises (ENTERPRISES_PER_PERSON), applying for one after another. Then the database is checked: every submitted application exists once, every state change
is in its history, no evidence file is missing or orphaned. Phase 2: no pause, growing numbers of readers, on
the production server and on Django's development server, to find where p95 passes 1 s.
Only 127.0.0.1; bounded in users and seconds. Prints tables; bench/README.md keeps the last run's.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPOSITORY = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PORT = int(os.environ.get("SEASON_PORT", "8060"))
DEV_PORT = int(os.environ.get("SEASON_DEV_PORT", "8061"))
USERS = min(int(os.environ.get("SEASON_USERS", "100")), 200)
DURATION = min(float(os.environ.get("SEASON_SECONDS", "180")), 900)
STEP_SECONDS = min(float(os.environ.get("SEASON_STEP_SECONDS", "20")), 120)
RAMP = min(float(os.environ.get("SEASON_RAMP_SECONDS", "30")), 120)
ENTERPRISES_PER_PERSON = 16
CEILING_STEPS = (8, 16, 32, 64)
WEB_WORKERS = int(os.environ.get("SEASON_WEB_WORKERS", "4"))
PASSWORD = "season-bench-2026"  # noqa: S105 - the bench accounts' own password, on 127.0.0.1 only
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + b" " * 40_000
UPLOAD_PAGES = {"upload evidence"}


# --- HTTP ----------------------------------------------------------------------------------------------------


@dataclass
class Sample:
    page: str
    seconds: float
    ok: bool
    status: int = 0
    at: float = 0.0  # time.monotonic() when the answer came


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, status: int) -> None:
        with self.lock:
            self.samples.append(Sample(page, seconds, 0 < status < 400, status, time.monotonic()))


class Browser:
    """One person's cookies and CSRF token over plain HTTP, as if behind the HTTPS proxy (X-Forwarded-Proto)."""

    def __init__(self, port: int, recorder: Recorder) -> None:
        self.port, self.recorder, self.cookies = port, recorder, {}

    def request(
        self, page: str, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int, str, str]:
        origin = f"https://{HOST}:{self.port}"
        headers = {
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Referer": origin + "/",
            "Origin": origin,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            status, location = response.status, response.getheader("Location", "")
            connection.close()
        except (OSError, http.client.HTTPException):
            status, text, location = 0, "", ""
        self.recorder.add(page, time.perf_counter() - started, status)
        return status, text, location

    def get(self, page: str, path: str) -> tuple[int, str, str]:
        return self.request(page, "GET", path)

    def post(
        self, page: str, path: str, fields: dict[str, str] | list[tuple[str, str]]
    ) -> tuple[int, str, str]:
        data = dict(fields) if isinstance(fields, dict) else fields
        pairs = list(data.items()) if isinstance(data, dict) else data
        pairs = [(k, v) for k, v in pairs if k != "csrfmiddlewaretoken"] + [
            ("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))
        ]
        return self.request(
            page, "POST", path, urlencode(pairs).encode(), "application/x-www-form-urlencoded"
        )

    def upload(
        self, page: str, path: str, fields: dict[str, str], name: str, content: bytes
    ) -> tuple[int, str, str]:
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

        data = {**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
        return self.request(page, "POST", path, encode_multipart(BOUNDARY, data), MULTIPART_CONTENT)

    def sign_in(self, username: str) -> bool:
        self.cookies.clear()
        self.get("sign in", "/accounts/login/")
        status, _, _ = self.post("sign in", "/accounts/login/", {"username": username, "password": PASSWORD})
        return status == 302


class FormFields(HTMLParser):
    """The fields of the form whose action ends with `action`, as a browser would submit them unchanged; a form
    without an action posts to its own page, so it is the one asked for when `action` is that page."""

    def __init__(self, action: str, page: str = "") -> None:
        super().__init__()
        self.action, self.page = action, page
        self.inside, self.fields, self.select, self.textarea = False, [], None, None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            target = a.get("action") or self.page
            self.inside = bool(target) and target.endswith(self.action)
        elif not self.inside or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in {"submit", "button", "file", "reset"}:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select is not None:
            if self.select[2] is None:
                self.select[2] = a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = [a["name"], ""]

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            self.fields.append(
                (self.select[0], self.select[1] if self.select[1] is not None else self.select[2] or "")
            )
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


def form_fields(html: str, action: str, page: str = "") -> list[tuple[str, str]]:
    parser = FormFields(action, page)
    parser.feed(html)
    return parser.fields


# --- The cast the bench adds to the demo -------------------------------------------------------------------


@dataclass
class Cast:
    programme: int
    enterprises: list[tuple[str, list[int]]]  # (username, the pks of the enterprises that person files for)
    reviewers: list[str]
    provincial: object
    codes: list[str]
    notices: list[int]


def prepare_cast(accounts: int) -> Cast:
    """Owners of enterprises that have not applied yet, municipal reviewers of their cities (ORM, idempotent)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from littlegiant.accounts.models import ReviewerAssignment, User
    from littlegiant.enterprises.models import Enterprise, Membership
    from littlegiant.recognition.models import Programme, PublicNotice, Recognition

    today = timezone.localdate()
    programme = next(
        p
        for p in Programme.objects.filter(tier="innovative_sme").order_by("-year")
        if p.is_open(today) and p.stages.exists()
    )
    first_level = programme.stages.order_by("order").first().level
    cities = ["330100", "330200", "330300"]
    free = (
        Enterprise.objects.filter(region__path__regex=r"(^|/)(330100|330200|330300)(/|$)")
        .exclude(applications__programme=programme)
        .filter(filings__year=programme.year - 1)
        .order_by("pk")[:accounts]
    )
    password = make_password(PASSWORD)
    groups: dict[str, list[int]] = defaultdict(list)
    for n, enterprise in enumerate(free):
        # One filing officer for each group of enterprises: a person signs in once and applies for each in turn.
        user, _ = User.objects.get_or_create(
            username=f"season-ent-{n // ENTERPRISES_PER_PERSON:04d}", defaults={"password": password}
        )
        Membership.objects.get_or_create(user=user, enterprise=enterprise, defaults={"role": "owner"})
        groups[user.username].append(enterprise.pk)
    owners = list(groups.items())
    reviewers = []
    for n, city in enumerate(cities * 5):
        user, created = User.objects.get_or_create(
            username=f"season-rev-{n:02d}", defaults={"password": password}
        )
        if created:
            ReviewerAssignment.objects.create(user=user, level=first_level, region_id=city)
        reviewers.append(user.username)
    provincial = ReviewerAssignment.objects.filter(level="provincial").select_related("user").first().user
    codes = list(Recognition.objects.values_list("certificate_code", flat=True)[:50]) or ["NOSUCHCODE"]
    notices = list(PublicNotice.objects.values_list("pk", flat=True)[:20])
    return Cast(programme.pk, owners, reviewers, provincial, codes, notices)


# --- People --------------------------------------------------------------------------------------------------


@dataclass
class Ledger:
    """What the people did that the database must show afterwards."""

    submitted: set[int] = field(default_factory=set)
    decided: list[tuple[int, str]] = field(default_factory=list)
    refused: int = 0  # decisions the platform refused with a message (a stale version), as it must
    lock: threading.Lock = field(default_factory=threading.Lock)


def enterprise_person(
    b: Browser,
    cast: Cast,
    username: str,
    enterprises: list[int],
    ledger: Ledger,
    pause,
    stop: threading.Event,
) -> None:
    """Signs in once (the browser keeps the session), then applies for each of the group's enterprises."""
    signed_in = b.sign_in(username)
    for enterprise in enterprises:
        if stop.is_set():
            return
        if not signed_in:
            # Only when the first sign-in failed (an error already counted): try again, as a person would.
            pause()
            signed_in = b.sign_in(username)
            continue
        pause()
        b.get("self-assessment", f"/assessment/enterprises/{enterprise}/")
        pause()
        status, html, _ = b.get("filing form", f"/enterprises/{enterprise}/")
        match = re.search(r'href="(/enterprises/\d+/filings/\d+/)"', html)
        if match:
            _, form, _ = b.get("filing form", match.group(1))
            pause()
            # The filing form has no action: it posts to its own page.
            b.post("save filing", match.group(1), form_fields(form, match.group(1), page=match.group(1)))
        pause()
        status, _, location = b.post(
            "apply",
            "/recognition/applications/start/",
            {"programme": cast.programme, "enterprise": enterprise},
        )
        application = re.search(r"/applications/(\d+)/", location or "")
        if not application:
            continue
        pk = int(application.group(1))
        pause()
        b.get("application page", f"/recognition/applications/{pk}/")
        status, _, _ = b.upload(
            "upload evidence",
            f"/recognition/applications/{pk}/evidence/",
            {"criterion": "", "description": "审计报告"},
            "audit.pdf",
            PDF,
        )
        pause()
        _, html, _ = b.get("application page", f"/recognition/applications/{pk}/")
        fields = dict(form_fields(html, f"/recognition/applications/{pk}/submit/"))
        fields["pledge"] = "on"
        status, _, _ = b.post("submit", f"/recognition/applications/{pk}/submit/", fields)
        # A refused submit also redirects: what the person sees afterwards (no submit form any more) counts.
        _, after, _ = b.get("application page", f"/recognition/applications/{pk}/")
        if status == 302 and f"/recognition/applications/{pk}/submit/" not in after:
            with ledger.lock:
                ledger.submitted.add(pk)
        pause()


def reviewer_person(b: Browser, username: str, ledger: Ledger, pause, stop: threading.Event) -> None:
    b.sign_in(username)
    while not stop.is_set():
        pause()
        _, html, _ = b.get("review queue", "/recognition/queue/")
        links = re.findall(r'href="/recognition/applications/(\d+)/"', html)
        if not links:
            continue
        pk = int(random.choice(links[:10]))
        pause()
        _, page, _ = b.get("application (reviewer)", f"/recognition/applications/{pk}/")
        fields = dict(form_fields(page, f"/recognition/applications/{pk}/decide/"))
        if "version" not in fields:
            continue
        decision = random.choice(["pass", "return"])
        fields.update(
            decision=decision, comment="季节压力测试：材料齐全" if decision == "pass" else "请补充审计报告"
        )
        pause()
        status, _, location = b.post("decide", f"/recognition/applications/{pk}/decide/", fields)
        # A refused decision (another reviewer decided first: a stale version) also redirects; the browser
        # follows the redirect, and the message on the page says which it was.
        _, after, _ = b.get("application (reviewer)", location or f"/recognition/applications/{pk}/")
        if status == 302 and '<li class="error' not in after:
            with ledger.lock:
                ledger.decided.append((pk, decision))
        elif status == 302:
            with ledger.lock:
                ledger.refused += 1


def public_person(b: Browser, cast: Cast, pause, stop: threading.Event) -> None:
    words = ["电池", "传感器", "材料", "芯片", "阀门", "新能源"]
    while not stop.is_set():
        choice = random.random()
        if choice < 0.35:
            b.get("public notices", "/recognition/notices/")
            if cast.notices:
                pause()
                b.get("public notice", f"/recognition/notices/{random.choice(cast.notices)}/")
        elif choice < 0.65:
            b.get(
                "verify certificate", "/recognition/verify/?" + urlencode({"code": random.choice(cast.codes)})
            )
        else:
            b.get("patent search", "/techtransfer/?" + urlencode({"q": random.choice(words)}))
        pause()


def wait_for_an_idle_worker(limit: float = 600) -> float:
    """Seconds until the task queue is empty: at start the scheduler queues every periodic job due (all of them
    on a database never served before), and the one task worker runs them in order before the screening."""
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    started = time.monotonic()
    while time.monotonic() - started < limit:
        close_old_connections()
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            break
        time.sleep(2)
    return time.monotonic() - started


def start_one_screening(cast: Cast) -> int:
    """The one province-wide batch screening of the season (the task worker runs it beside the web)."""
    from littlegiant.assessment.services import start_screening

    run = start_screening(cast.provincial, ["cn.miit.innovative-sme.2022", "cn.miit.srdi-sme.2022"], 2025)
    return run.pk


# --- Phases --------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def table(samples: list[Sample], seconds: float) -> list[tuple]:
    by_page: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_page[sample.page].append(sample)
    rows = []
    for page in sorted(by_page):
        times = [s.seconds * 1000 for s in by_page[page]]
        rows.append(
            (
                page,
                len(times),
                statistics.median(times),
                percentile(times, 0.95),
                percentile(times, 0.99),
                sum(not s.ok for s in by_page[page]),
            )
        )
    times = [s.seconds * 1000 for s in samples]
    rows.append(
        (
            "ALL",
            len(times),
            statistics.median(times),
            percentile(times, 0.95),
            percentile(times, 0.99),
            sum(not s.ok for s in samples),
        )
    )
    print(
        f"{'page':24} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}   ({len(samples) / seconds:.1f} req/s)"
    )
    for page, count, p50, p95, p99, errors in rows:
        print(f"{page:24} {count:8d} {p50:8.0f} {p95:8.0f} {p99:8.0f} {errors:6d}")
    failures = defaultdict(int)
    for sample in samples:
        if not sample.ok:
            failures[(sample.page, sample.status)] += 1
    if failures:
        print("errors by page and status (0: no answer):", dict(failures))
    return rows


def season(cast: Cast) -> tuple[Recorder, Ledger, list[int], float]:
    recorder, ledger, stop = Recorder(), Ledger(), threading.Event()

    def pause() -> None:
        stop.wait(random.uniform(1, 5))

    people = []
    for n in range(USERS):
        b = Browser(PORT, recorder)
        if n % 2 == 0:
            username, enterprises = cast.enterprises[(n // 2) % len(cast.enterprises)]
            people.append(
                threading.Thread(
                    target=enterprise_person, args=(b, cast, username, enterprises, ledger, pause, stop)
                )
            )
        elif n % 10 in (1, 3):
            people.append(
                threading.Thread(
                    target=reviewer_person,
                    args=(b, cast.reviewers[n % len(cast.reviewers)], ledger, pause, stop),
                )
            )
        else:
            people.append(threading.Thread(target=public_person, args=(b, cast, pause, stop)))
    screenings = [start_one_screening(cast)]
    started = time.monotonic()
    for person in people:
        person.start()
        time.sleep(RAMP / USERS)  # people arrive over RAMP seconds, not in one instant
    stop.wait(max(0.0, DURATION - (time.monotonic() - started)))
    stop.set()
    for person in people:
        person.join(timeout=120)
    return recorder, ledger, screenings, time.monotonic() - started


def warm_up(port: int, cast: Cast) -> None:
    """Each web worker loads its templates, URL patterns and the search dictionary before anything is timed."""
    recorder = Recorder()
    for _ in range(2 * WEB_WORKERS):
        b = Browser(port, recorder)
        b.sign_in(cast.reviewers[0])
        for path in (
            "/recognition/queue/",
            "/recognition/notices/",
            "/recognition/verify/?code=X",
            "/techtransfer/?" + urlencode({"q": "电池"}),
        ):
            b.get("warm-up", path)


def ceiling(port: int, cast: Cast, label: str) -> list[tuple[int, float, float, int]]:
    """No pause: growing numbers of readers (public pages and the signed-in reviewer queue) for STEP_SECONDS each."""
    results = []
    for users in CEILING_STEPS:
        recorder, stop = Recorder(), threading.Event()

        def reader(n: int, recorder: Recorder = recorder, stop: threading.Event = stop) -> None:
            b = Browser(port, recorder)
            signed_in = n % 4 == 0 and b.sign_in(cast.reviewers[n % len(cast.reviewers)])
            while not stop.is_set():
                if signed_in:
                    b.get("review queue", "/recognition/queue/")
                else:
                    b.get("public notices", "/recognition/notices/")
                    b.get(
                        "verify certificate",
                        "/recognition/verify/?" + urlencode({"code": random.choice(cast.codes)}),
                    )

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(users)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # sign-ins settle
        with recorder.lock:
            recorder.samples.clear()
        stop.wait(STEP_SECONDS)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        times = [s.seconds * 1000 for s in recorder.samples]
        results.append(
            (
                users,
                len(times) / STEP_SECONDS,
                percentile(times, 0.95),
                sum(not s.ok for s in recorder.samples),
            )
        )
        failures: dict[tuple[str, int], int] = defaultdict(int)
        for sample in recorder.samples:
            if not sample.ok:
                failures[(sample.page, sample.status)] += 1
        print(
            f"  {label:22} {users:3d} users: {results[-1][1]:6.1f} req/s, p95 {results[-1][2]:6.0f} ms, {results[-1][3]} errors"
            + (f" {dict(failures)}" if failures else ""),
            flush=True,
        )
        if results[-1][2] > 1000:
            break
    return results


def database_checks(cast: Cast, ledger: Ledger, *, since: float) -> list[tuple[str, bool, str]]:
    """What the database and the upload folder must show after the run; `since` (a time.time()) bounds the
    orphan check to files this run wrote, as the folder may hold files of databases rebuilt before it."""
    from django.conf import settings
    from django.db.models import Count

    from littlegiant.recognition.models import Application, Evidence

    bench_enterprises = [pk for _, group in cast.enterprises for pk in group]
    applications = Application.objects.filter(
        programme_id=cast.programme, enterprise_id__in=bench_enterprises
    )
    duplicates = applications.values("enterprise_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    found = set(
        applications.filter(pk__in=ledger.submitted).exclude(status="draft").values_list("pk", flat=True)
    )
    lost = ledger.submitted - found
    broken_history = []
    for application in applications.prefetch_related("events"):
        events = sorted(application.events.all(), key=lambda e: (e.created_at, e.pk))
        changes = [e for e in events if e.to_state]
        # A state is written "in_review@municipal": the status, then the level of the stage it is at.
        for event in changes:
            event.to_state, event.from_state = event.to_state.split("@")[0], event.from_state.split("@")[0]
        chain_ok = all(a.to_state == b.from_state for a, b in zip(changes, changes[1:], strict=False))
        last = changes[-1].to_state if changes else "draft"
        if not chain_ok or last != application.status or application.history.count() < 1:
            broken_history.append(application.pk)
    decided = {pk for pk, _ in ledger.decided}
    undecided = [
        pk
        for pk in decided
        if not Application.objects.get(pk=pk)
        .events.filter(action__in=["pass", "return", "pass_stage", "return_for_correction"])
        .exists()
    ]
    media = Path(settings.MEDIA_ROOT)
    # Only the run's own rows: evidence uploaded before it (the demo's, an earlier run's) may live in the upload
    # folder of the checkout that wrote it.
    uploaded_since = dt.datetime.fromtimestamp(since, tz=dt.UTC)
    stored = set(
        Evidence.objects.filter(uploaded_at__gte=uploaded_since).values_list("stored_path", flat=True)
    )
    missing = [p for p in stored if not (media / p).is_file()]
    on_disk = (
        {
            p.relative_to(media).as_posix()
            for p in (media / "recognition").rglob("*")
            if p.is_file() and p.stat().st_mtime >= since
        }
        if (media / "recognition").exists()
        else set()
    )
    orphaned = on_disk - stored
    return [
        (
            "every submitted application exists once",
            not lost and not duplicates,
            f"{len(ledger.submitted)} submitted, {len(lost)} lost, {duplicates} duplicated",
        ),
        (
            "every state change is in the history",
            not broken_history,
            f"{applications.count()} applications checked, {len(broken_history)} broken",
        ),
        (
            "every decision is recorded",
            not undecided,
            f"{len(decided)} decided, {len(undecided)} without their event, {ledger.refused} refused with a message",
        ),
        ("no evidence file missing", not missing, f"{len(stored)} evidence rows, {len(missing)} missing"),
        ("no evidence file orphaned", not orphaned, f"{len(on_disk)} files, {len(orphaned)} orphaned"),
    ]


# --- Servers -------------------------------------------------------------------------------------------------


def server_environment() -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"LITTLEGIANT_DEMO", "DEBUG", "LITTLEGIANT_TESTING"}
    }
    environment.update(
        SECRET_KEY=environment.get("SECRET_KEY") or "season-bench-" + "x" * 50,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        LITTLEGIANT_LOGIN_FAILURE_LIMIT="100000",
        LOG_LEVEL="WARNING",
        # No mail server on the bench machine: a refused SMTP connection would turn a committed submit into a 500.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return environment


def start(command: list[str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        command,
        cwd=REPOSITORY,
        env=server_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"The server on port {port} did not answer /healthz within 180 s.")


def cpu_seconds(root: int) -> dict[str, float]:
    """User + system CPU seconds so far of each kind of process under `root` (littlegiant serve): the web
    workers, the task workers, the rest (gunicorn's master, the scheduler, the supervisor). Linux /proc only.
    CPU seconds hold up on a shared machine where wall-clock times do not."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    stats: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        stats[int(entry.name)] = (command, (int(fields[11]) + int(fields[12])) / tick)
    totals = {"web workers": 0.0, "task workers": 0.0, "other": 0.0}
    for pid, (command, seconds) in stats.items():
        ancestor, chain = pid, []
        while ancestor in parents and ancestor != root:
            chain.append(ancestor)
            ancestor = parents[ancestor]
        if ancestor != root and pid != root:
            continue
        if " worker" in command and "gunicorn" not in command:
            totals["task workers"] += seconds
        elif "gunicorn" in command and len(chain) >= 2:  # a web worker is a child of gunicorn's master
            totals["web workers"] += seconds
        else:
            totals["other"] += seconds
    return totals


def stop_process(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        # `make bench` runs every script; this one needs a PostgreSQL database with the demo province in it.
        print(
            "season.py skipped: set DATABASE_URL to a PostgreSQL database holding the demo (see its docstring)."
        )
        return
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("The season bench runs only against a database on 127.0.0.1.")
    os.environ.update({k: v for k, v in server_environment().items() if k in {"SECRET_KEY", "ALLOWED_HOSTS"}})
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(REPOSITORY / "src"))
    from littlegiant.django_setup import setup_django

    setup_django()
    cast = prepare_cast(accounts=USERS * 8)
    print(
        f"Load average before: {os.getloadavg()[0]:.2f} (1 min), {os.getloadavg()[1]:.2f} (5 min); {os.cpu_count()} cores",
        flush=True,
    )
    python = sys.executable
    production = start(
        [
            python,
            "-m",
            "littlegiant.cli",
            "serve",
            "--port",
            str(PORT),
            "--workers",
            str(WEB_WORKERS),
            "--task-workers",
            "1",
        ],
        PORT,
    )
    try:
        print(f"Periodic jobs due at start-up ran in {wait_for_an_idle_worker():.0f} s", flush=True)
        print(
            f"\n== Phase 1: {USERS} people pausing 1-5 s, {DURATION:.0f} s, littlegiant serve ({WEB_WORKERS} web workers) ==",
            flush=True,
        )
        run_started = time.time()
        cpu_before = cpu_seconds(production.pid)
        recorder, ledger, screenings, seconds = season(cast)
        cpu_after = cpu_seconds(production.pid)
        print(f"load average during: {os.getloadavg()[0]:.2f} (1 min)")
        rows = table(recorder.samples, seconds)
        used = {kind: cpu_after[kind] - cpu_before.get(kind, 0.0) for kind in cpu_after}
        print(
            "CPU seconds in phase 1: "
            + ", ".join(f"{kind} {value:.1f}" for kind, value in used.items())
            + f"; web CPU per request {1000 * used['web workers'] / max(1, len(recorder.samples)):.1f} ms"
            + f" (of {seconds * (os.cpu_count() or 1):.0f} CPU-seconds the machine had)"
        )
        ramped = min(s.at for s in recorder.samples) + RAMP if recorder.samples else 0.0
        steady = [s for s in recorder.samples if s.at >= ramped]
        print(f"\nAfter the {RAMP:.0f} s in which people arrive and sign in:")
        table(steady, max(1.0, seconds - RAMP))
        from littlegiant.assessment.models import ScreeningRun

        for run in ScreeningRun.objects.filter(pk__in=screenings):
            began = run.started_at.timestamp() - run_started if run.started_at else float("nan")
            ended = (
                f"finished at {run.finished_at.timestamp() - run_started:.0f} s"
                if run.finished_at
                else "still running at the end"
            )
            print(
                f"screening {run.pk}: {run.status}, started at {began:.0f} s, {ended} (phase: {seconds:.0f} s)"
            )
        print("\n== Database checks ==")
        for name, ok, detail in database_checks(cast, ledger, since=run_started):
            print(f"  [{'ok' if ok else 'FAIL'}] {name}: {detail}")
        pages = [r for r in rows if r[0] not in UPLOAD_PAGES and r[0] != "ALL"]
        uploads = [r for r in rows if r[0] in UPLOAD_PAGES]
        print("\n== Targets ==")
        print(
            f"  p95 of every page type < 500 ms: worst {max(r[3] for r in pages):.0f} ms ({max(pages, key=lambda r: r[3])[0]})"
        )
        if uploads:
            print(f"  p95 of uploads < 1000 ms: {uploads[0][3]:.0f} ms")
        print(f"  errors: {rows[-1][5]}")
        # The development server runs no task worker: let phase 1's last screening finish before the race.
        deadline = time.monotonic() + 600
        while (
            time.monotonic() < deadline
            and ScreeningRun.objects.filter(pk__in=screenings, status__in=["queued", "running"]).exists()
        ):
            time.sleep(2)
        print("\n== Phase 2: no pause, readers in steps of", STEP_SECONDS, "s ==", flush=True)
        production_steps = ceiling(PORT, cast, "littlegiant serve")
    finally:
        stop_process(production)
    development = start([python, "manage.py", "runserver", f"{HOST}:{DEV_PORT}", "--noreload"], DEV_PORT)
    try:
        warm_up(DEV_PORT, cast)
        development_steps = ceiling(DEV_PORT, cast, "runserver")
    finally:
        stop_process(development)
    for label, steps in (("littlegiant serve", production_steps), ("runserver", development_steps)):
        under = [s for s in steps if s[2] <= 1000]
        best = max(under, key=lambda s: s[1]) if under else None
        print(
            f"ceiling {label:18}: {best[1]:.1f} req/s with p95 {best[2]:.0f} ms at {best[0]} users"
            if best
            else f"ceiling {label}: p95 over 1 s from the first step"
        )
    print(f"Load average after: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
