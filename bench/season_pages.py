"""The application season's pages one at a time, in process: what each page type costs the web worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lg_production .venv/bin/python bench/season_pages.py

On the database `season.py` uses (the demo province at full size), with its cast (`season.prepare_cast`):
SEASON_PAGES_ROUNDS (default 12) enterprise flows (sign in, self-assessment, filing, save, apply, application
page, upload, submit) and as many reviewer flows (queue, open, decide) through Django's test client, one request
at a time. Per page type: the median of wall milliseconds, CPU milliseconds of this process (Django, templates,
password hashing) and queries. Under load a page's p95 is its CPU times the queue in front of it, so the CPU and
the queries are what to cut; they hold up on a shared machine where the wall time does not.

A sign-in sets the person's password first with the preferred hasher (so one that an earlier run stored with
another hasher is not upgraded on the clock), and one more row times a sign-in that does upgrade.
"""

from __future__ import annotations

import cProfile
import logging
import os
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import season  # noqa: E402 - the cast, the password and the form parser of the season bench

ROUNDS = int(os.environ.get("SEASON_PAGES_ROUNDS", "12"))
# A page type: its first request's queries are printed, and all its requests run under cProfile.
PROFILE = os.environ.get("SEASON_PAGES_PROFILE", "")


def main() -> None:
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECRET_KEY", "season-pages-" + "x" * 50)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("LITTLEGIANT_LOGIN_FAILURE_LIMIT", "100000")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    os.environ.pop("LITTLEGIANT_DEMO", None)
    from littlegiant.django_setup import setup_django

    setup_django()
    logging.getLogger("littlegiant.requests").setLevel(logging.WARNING)  # one line per request: noise here
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from littlegiant.accounts.models import User

    call_command("collectstatic", interactive=False, verbosity=0)  # production pages name hashed files
    cast = season.prepare_cast(accounts=ROUNDS)
    samples: dict[str, list[tuple[float, float, int]]] = defaultdict(list)

    profiler = cProfile.Profile()

    def timed(page: str, call, *args):  # noqa: ANN001, ANN002, ANN202
        with CaptureQueriesContext(connection) as queries:
            if page == PROFILE:
                profiler.enable()
            started, cpu = time.perf_counter(), time.process_time()
            response = call(*args)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            profiler.disable()
        if response.status_code >= 400:
            raise SystemExit(f"{page}: HTTP {response.status_code}")
        if page == PROFILE and not samples[page]:
            for query in queries:
                print(f"  {page}: {query['sql'][:300]}")
        samples[page].append((wall * 1000, cpu * 1000, len(queries)))
        return response

    handler = Client().handler  # one handler, as a server worker has: its middleware loads once

    def sign_in(username: str, page: str = "sign in") -> Client:
        client = Client(secure=True)
        client.handler = handler
        timed("sign-in form", client.get, "/accounts/login/")
        credentials = {"username": username, "password": season.PASSWORD}
        response = timed(page, client.post, "/accounts/login/", credentials)
        assert response.status_code == 302, f"{username} could not sign in"
        return client

    enterprises = [(username, pk) for username, pks in cast.enterprises for pk in pks][:ROUNDS]
    if len(enterprises) < ROUNDS:
        raise SystemExit("The database has too few enterprises that have not applied: build the demo again.")
    print(f"hasher: {settings.PASSWORD_HASHERS[0]}; load average {os.getloadavg()[0]:.1f}", flush=True)
    submitted = 0
    for username, enterprise in enterprises:
        User.objects.filter(username=username).update(password=make_password(season.PASSWORD))
        client = sign_in(username)
        timed("self-assessment", client.get, f"/assessment/enterprises/{enterprise}/")
        html = timed("filing form", client.get, f"/enterprises/{enterprise}/").content.decode()
        edit = re.search(r'href="(/enterprises/\d+/filings/\d+/)"', html).group(1)
        form = timed("filing form", client.get, edit).content.decode()
        saved = timed("save filing", client.post, edit, dict(season.form_fields(form, edit, page=edit)))
        assert saved.status_code == 302, "the filing was not saved"
        start = {"programme": cast.programme, "enterprise": enterprise}
        response = timed("apply", client.post, "/recognition/applications/start/", start)
        pk = int(re.search(r"/applications/(\d+)/", response["Location"]).group(1))
        page = f"/recognition/applications/{pk}/"
        timed("application page", client.get, page)
        upload = SimpleUploadedFile("audit.pdf", season.PDF, content_type="application/pdf")
        evidence = {"criterion": "", "description": "审计报告", "file": upload}
        timed("upload evidence", client.post, f"{page}evidence/", evidence)
        html = timed("application page", client.get, page).content.decode()
        fields = dict(season.form_fields(html, f"{page}submit/"))
        fields["pledge"] = "on"
        timed("submit", client.post, f"{page}submit/", fields)
        after = timed("application page", client.get, page).content.decode()
        submitted += f"{page}submit/" not in after

    # An upgrade: a password stored with the second hasher is checked, then stored again with the first.
    username = enterprises[0][0]
    older = settings.PASSWORD_HASHERS[1].rsplit(".", 1)[-1]
    User.objects.filter(username=username).update(
        password=make_password(season.PASSWORD, hasher=_algorithm(settings.PASSWORD_HASHERS[1]))
    )
    sign_in(username, f"sign in, upgrading a {older} hash")

    decided = 0
    for n in range(ROUNDS):
        username = cast.reviewers[n % 3]  # one reviewer of each of the three cities in turn
        User.objects.filter(username=username).update(password=make_password(season.PASSWORD))
        client = sign_in(username)
        html = timed("review queue", client.get, "/recognition/queue/").content.decode()
        links = re.findall(r'href="/recognition/applications/(\d+)/"', html)
        if not links:
            continue
        page = f"/recognition/applications/{links[0]}/"
        html = timed("application (reviewer)", client.get, page).content.decode()
        fields = dict(season.form_fields(html, f"{page}decide/"))
        if "version" not in fields:
            continue
        decision = "pass" if n % 2 else "return"
        fields.update(decision=decision, comment="材料齐全" if decision == "pass" else "请补充审计报告")
        response = timed("decide", client.post, f"{page}decide/", fields)
        timed("application (reviewer)", client.get, response["Location"])
        decided += 1

    print(f"{len(enterprises)} enterprise flows ({submitted} submitted), {decided} decisions\n")
    print("| page | requests | wall ms (median) | CPU ms (median) | queries (median, max) |")
    print("|---|---:|---:|---:|---:|")
    for page, rows in sorted(samples.items()):
        walls, cpus, counts = zip(*rows, strict=True)
        print(
            f"| {page} | {len(rows)} | {statistics.median(walls):.1f} | {statistics.median(cpus):.1f} | "
            f"{statistics.median(counts):.0f}, {max(counts)} |"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    if PROFILE:
        out = Path(os.environ.get("BENCH_OUT", "bench/out")) / "season_pages.prof"
        out.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(out)
        print(f"profile of {PROFILE!r} in {out} (python -m pstats {out})")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(
            "littlegiant/(?!operations|web/middleware)", 30
        )


def _algorithm(dotted: str) -> str:
    from django.utils.module_loading import import_string

    return import_string(dotted).algorithm


if __name__ == "__main__":
    main()
