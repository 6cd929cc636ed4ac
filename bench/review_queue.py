"""Review queue and application page with 20,000 applications in PostgreSQL, against an empty queue.

Creates a dedicated database (dropped again at the end), migrates it, measures the municipal reviewer's queue
and one application's page while the programme holds a single application, then bulk-loads 20,000 more
applications in the reviewer's city and measures again. Each page is requested through Django's full stack
(middleware, session, templates) in this process; the table gives medians, p95 and the ratio to the baseline.

    BENCH_PG=postgres://postgres@127.0.0.1:5432  BENCH_APPLICATIONS=20000  python bench/review_queue.py

BENCH_DATABASE names the database (default littlegiant_bench_review_queue); BENCH_KEEP=1 keeps it afterwards.
"""

from __future__ import annotations

import html
import os
import re
import statistics
import sys
import time
from collections.abc import Callable

from bench_database import create_database, drop_database, p95, setup_django

DATABASE = os.environ.get("BENCH_DATABASE", "littlegiant_bench_review_queue")
# BENCH_KEEP=1 leaves the filled database behind, to run EXPLAIN ANALYZE on the queue's queries afterwards.
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "20000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
TARGET_P95_MS = 200.0


def timings(request: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    """Milliseconds per request, after two warm-up requests."""
    for _warm_up in range(2):
        request()
    samples = []
    for _round in range(rounds):
        started = time.perf_counter()
        request()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def bulk_load(programme, stage, creator, explanation: dict, values: dict, count: int) -> None:
    """`count` submitted applications from as many Hangzhou enterprises, in batches."""
    from django.utils import timezone

    from littlegiant.enterprises.credit_code import make_credit_code
    from littlegiant.enterprises.models import AnnualFiling, Enterprise
    from littlegiant.recognition.models import Application, ApplicationVersion
    from littlegiant.reference.models import Region

    counties = ["330102", "330105", "330106", "330108", "330109", "330110"]
    regions = Region.objects.in_bulk(counties)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    now = timezone.now()
    batch = 2000
    for start in range(0, count, batch):
        numbers = range(start, min(start + batch, count))

        def body(number: int) -> str:
            digits = []
            for _place in range(8):
                number, digit = divmod(number, len(alphabet))
                digits.append(alphabet[digit])
            return "Q" + "".join(reversed(digits))[1:]

        enterprises = Enterprise.objects.bulk_create(
            Enterprise(
                credit_code=make_credit_code("91", counties[n % len(counties)], body(n)),
                name=f"杭州基准测试企业{n:05d}有限公司",
                region=regions[counties[n % len(counties)]],
                industry_id="3973",
            )
            for n in numbers
        )
        filings = AnnualFiling.objects.bulk_create(
            AnnualFiling(enterprise=e, year=programme.reference_year, employees=120) for e in enterprises
        )
        applications = Application.objects.bulk_create(
            Application(
                programme=programme,
                enterprise=e,
                filing=f,
                status="in_review",
                current_stage=stage,
                stage_level=stage.level,  # bulk_create skips save(), which keeps these two copies
                region_path=e.region.path,
                created_by=creator,
                submitted_at=now,
                outcome=explanation.get("outcome", ""),
                score=(n * 37) % 100,
                version=1,
            )
            for n, e, f in zip(numbers, enterprises, filings, strict=True)
        )
        ApplicationVersion.objects.bulk_create(
            ApplicationVersion(
                application=a,
                number=1,
                filing_year=programme.reference_year,
                values=values,
                evidence=[],
                explanations={programme.pack_id: explanation},
                pack_id=programme.pack_id,
                submitted_by=creator,
                submitted_at=now,
            )
            for a in applications
        )


def next_link(page: str) -> str:
    """The query string of a queue page's Next link."""
    found = re.search(r'<a href="(\?[^"]*)">(?:下一页|Next)</a>', page)
    assert found, "the queue page should link to a next page"
    return html.unescape(found.group(1))


def main() -> int:
    create_database(DATABASE)
    try:
        setup_django(DATABASE)
        return run()
    finally:
        if KEEP:
            from django.db import connections

            connections.close_all()
            print(f"(kept database {DATABASE})", file=sys.stderr, flush=True)
        else:
            drop_database(DATABASE)


def run() -> int:
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"(migrated in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    call_command("createcachetable", verbosity=0)

    from littlegiant.accounts.models import ReviewerAssignment, User
    from littlegiant.enterprises.models import AnnualFiling, Membership
    from littlegiant.recognition import services
    from littlegiant.recognition.models import Programme, ReviewStage
    from tests.cast import good_filing_values, make_enterprise

    today = timezone.localdate()
    programme = Programme.objects.create(
        tier="srdi_sme",
        year=today.year,
        title="基准测试：专精特新中小企业认定",
        applications_open_on=today - dt.timedelta(days=30),
        applications_close_on=today + dt.timedelta(days=30),
    )
    stage = ReviewStage.objects.create(
        programme=programme,
        order=1,
        level="municipal",
        spot_check=True,
        public_notice=True,
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=60),
    )
    ReviewStage.objects.create(
        programme=programme, order=2, level="provincial", opens_on=stage.opens_on, closes_on=stage.closes_on
    )
    reviewer = User.objects.create_user("hangzhou_reviewer")
    ReviewerAssignment.objects.create(user=reviewer, level="municipal", region_id="330100")
    owner = User.objects.create_user("alice")
    enterprise = make_enterprise("杭州阿尔法光电科技有限公司", "330106", "MA2H7K3L")
    AnnualFiling.objects.create(enterprise=enterprise, year=programme.reference_year, **good_filing_values())
    Membership.objects.create(user=owner, enterprise=enterprise, role="owner")

    client = Client()
    client.force_login(reviewer)
    queue_url = "/recognition/queue/"
    empty_queue = timings(lambda: client.get(queue_url))

    application = services.submit(
        services.start_application(programme, enterprise, by=owner), by=owner, pledge=True
    )
    page_url = f"/recognition/applications/{application.pk}/"
    version = application.latest_version()
    single_page = timings(lambda: client.get(page_url))

    started = time.perf_counter()
    bulk_load(programme, stage, owner, version.explanation, version.values, APPLICATIONS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    loaded = time.perf_counter() - started
    print(f"(loaded {APPLICATIONS:,} applications in {loaded:.0f} s)", file=sys.stderr, flush=True)

    # A reviewer reaches page 200 by following Next: its link carries a cursor, not an offset.
    deep_url = queue_url
    for _page in range(199):
        deep_url = queue_url + next_link(client.get(deep_url).content.decode())
    offset_url = queue_url + "?page=200"
    rows = [
        ("Review queue, empty (baseline)", empty_queue, empty_queue),
        ("Review queue, first page", timings(lambda: client.get(queue_url)), empty_queue),
        (
            "Review queue, highest score first",
            timings(lambda: client.get(queue_url + "?sort=-score")),
            empty_queue,
        ),
        (
            "Review queue, name search",
            timings(lambda: client.get(queue_url + "?q=基准测试企业1999")),
            empty_queue,
        ),
        ("Review queue, page 200 (by Next links)", timings(lambda: client.get(deep_url)), empty_queue),
        ("Review queue, page 200 (?page=200, offset)", timings(lambda: client.get(offset_url)), empty_queue),
        ("Application page, 1 application (baseline)", single_page, single_page),
        ("Application page", timings(lambda: client.get(page_url)), single_page),
    ]
    deep_page = client.get(deep_url).content.decode()
    assert "基准测试企业" in deep_page, "page 200 should hold applications"
    names = re.compile(r"杭州基准测试企业\d{5}")
    assert names.findall(deep_page) == names.findall(client.get(offset_url).content.decode()), (
        "page 200 by Next links and by offset should list the same applications"
    )

    print(
        f"PostgreSQL, {APPLICATIONS:,} applications in the reviewer's city (loaded in {loaded:.0f} s); "
        f"{ROUNDS} requests each through the full Django stack.\n"
    )
    print(f"| {'Page':<44} | {'median ms':>9} | {'p95 ms':>7} | {'× baseline (median)':>19} |")
    print(f"|{'-' * 46}|{'-' * 11}|{'-' * 9}|{'-' * 21}|")
    worst = 0.0
    for label, samples, baseline in rows:
        median = statistics.median(samples)
        ratio = median / statistics.median(baseline)
        worst = max(worst, p95(samples))
        print(f"| {label:<44} | {median:>9.1f} | {p95(samples):>7.1f} | {ratio:>19.2f} |")
    verdict = "within" if worst < TARGET_P95_MS else "OVER"
    print(f"\nWorst p95 {worst:.1f} ms: {verdict} the {TARGET_P95_MS:.0f} ms target.")
    return 0 if worst < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
