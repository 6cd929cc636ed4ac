"""The 2027 digital tracker with 12,000 little giants and 140,000 SRDI SMEs, three years of results each.

Creates a dedicated PostgreSQL database (dropped again at the end), migrates it, bulk-loads the enterprises
across every county of the country with their titles (a recognised application and a recognition each),
one filing each (a MIIT-entered digital level on 30 % of them) and submitted evaluations for 2024, 2025 and
2026, then requests the tracker through Django's full stack as a national, a provincial (Zhejiang) and a
municipal (Hangzhou) official, for both tiers, plus the tracker API. Prints medians and p95 per page.

    BENCH_PG=postgres://postgres@127.0.0.1:5432  python bench/digital_tracker.py

BENCH_LITTLE_GIANTS (12000), BENCH_SRDI (140000), BENCH_ROUNDS (20); BENCH_KEEP=1 keeps the database.
BENCH_REUSE=1 times a kept database without loading it again, and BENCH_SRC=/path/to/src times another checkout's
code on it (its `littlegiant` package), so that two versions are compared on the same data in one sitting:

    BENCH_KEEP=1 python bench/digital_tracker.py                                   # load, time this code
    BENCH_KEEP=1 BENCH_REUSE=1 BENCH_SRC=/work/main/src python bench/digital_tracker.py   # time main's code
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

from bench_database import ROOT, create_database, drop_database, p95, setup_django

DATABASE = os.environ.get("BENCH_DATABASE", "littlegiant_bench_digital_tracker")
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
REUSE = os.environ.get("BENCH_REUSE", "") == "1"
SRC = Path(os.environ.get("BENCH_SRC") or ROOT / "src")
LITTLE_GIANTS = int(os.environ.get("BENCH_LITTLE_GIANTS", "12000"))
SRDI = int(os.environ.get("BENCH_SRDI", "140000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
YEARS = (2024, 2025, 2026)
TARGET_P95_MS = 300.0
BATCH = 5000


def load(tier: str, count: int, offset: int, counties: list, creator, rng: random.Random) -> None:
    """`count` enterprises holding the tier's title, each with a filing and three years of results."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from littlegiant.digital.models import Evaluation
    from littlegiant.enterprises.credit_code import make_credit_code
    from littlegiant.enterprises.models import AnnualFiling, Enterprise
    from littlegiant.recognition.models import (
        Application,
        Programme,
        Recognition,
        RecognitionBatch,
        ReviewStage,
    )

    programme = Programme.objects.create(
        tier=tier,
        year=2024,
        title=f"bench {tier}",
        applications_open_on=dt.date(2024, 3, 1),
        applications_close_on=dt.date(2024, 4, 30),
    )
    stage = ReviewStage.objects.create(
        programme=programme,
        order=1,
        level="provincial",
        opens_on=dt.date(2024, 5, 1),
        closes_on=dt.date(2024, 6, 1),
    )
    batch = RecognitionBatch.objects.create(
        programme=programme, title="bench", decided_by=creator, decided_on=dt.date(2024, 6, 30)
    )
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    now = timezone.now()

    def body(number: int) -> str:
        digits = []
        for _place in range(8):
            number, digit = divmod(number, len(alphabet))
            digits.append(alphabet[digit])
        return "B" + "".join(reversed(digits))[1:]

    for start in range(offset, offset + count, BATCH):
        numbers = range(start, min(start + BATCH, offset + count))
        places = [counties[rng.randrange(len(counties))] for _n in numbers]
        enterprises = Enterprise.objects.bulk_create(
            Enterprise(
                credit_code=make_credit_code("91", place.code, body(n)),
                name=f"基准测试企业{n:06d}有限公司",
                region=place,
                industry_id="3973",
            )
            for n, place in zip(numbers, places, strict=True)
        )
        filings = AnnualFiling.objects.bulk_create(
            AnnualFiling(
                enterprise=e, year=2025, digital_level=rng.randint(1, 4) if rng.random() < 0.3 else None
            )
            for e in enterprises
        )
        applications = Application.objects.bulk_create(
            Application(
                programme=programme,
                enterprise=e,
                filing=f,
                status="recognised",
                current_stage=stage,
                stage_level=stage.level,
                region_path=e.region.path,
                created_by=creator,
                submitted_at=now,
                version=1,
            )
            for e, f in zip(enterprises, filings, strict=True)
        )
        Recognition.objects.bulk_create(
            Recognition(
                application=a,
                enterprise=a.enterprise,
                batch=batch,
                tier=tier,
                valid_from=dt.date(2024, 6, 30),
                valid_until=dt.date(2027, 6, 29),
                certificate_code=f"B{a.pk:015d}",
            )
            for a in applications
        )
        evaluations = []
        for e in enterprises:
            strength = rng.random()
            for year in YEARS:
                points = Decimal(round(min(100.0, strength * 90 + (year - 2024) * 4 + rng.uniform(-5, 5)), 1))
                points = max(points, Decimal(0))
                level = (
                    4
                    if points >= 80
                    else 3
                    if points >= 60
                    else 2
                    if points >= 40
                    else 1
                    if points >= 20
                    else None
                )
                evaluations.append(
                    Evaluation(
                        enterprise=e,
                        year=year,
                        status="submitted",
                        source="imported",
                        total_points=points,
                        foundation_points=points / 2,
                        management_points=points * 3 / 10,
                        results_points=points / 5,
                        provisional_level=level,
                        weakest_dimension=rng.choice(["foundation", "management", "results"]),
                        pledged_at=now,
                        submitted_at=now,
                    )
                )
        Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)
        print(
            f"  {tier}: {min(start + BATCH, offset + count) - offset} of {count}", file=sys.stderr, flush=True
        )


def timings(get, url: str) -> list[float]:
    for _warm_up in range(2):
        assert get(url).status_code == 200, url
    samples = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        response = get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def run() -> int:
    from django.core.management import call_command
    from django.test import Client

    from littlegiant.accounts.models import ReviewerAssignment, User
    from littlegiant.reference.models import Region

    counties = list(Region.objects.filter(level="county").order_by("code")) if REUSE else []
    if not REUSE:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        print(f"(migrated in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
        rng = random.Random(2026)
        counties = list(Region.objects.filter(level="county").order_by("code"))
        creator = User.objects.create_user("bench_creator")
        started = time.perf_counter()
        load("little_giant", LITTLE_GIANTS, 0, counties, creator, rng)
        load("srdi_sme", SRDI, LITTLE_GIANTS, counties, creator, rng)
        print(f"(loaded in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
        try:
            from littlegiant.digital.levels import rebuild
        except ImportError:  # a checkout from before the level snapshot
            rebuild = None
        if rebuild is not None:
            # The rows above were written in bulk, past the services that keep the snapshot.
            started = time.perf_counter()
            rows = rebuild()
            print(
                f"(level snapshot: {rows:,} rows in {time.perf_counter() - started:.0f} s)", file=sys.stderr
            )
        from django.db import connection

        with connection.cursor() as cursor:
            # What autovacuum does to a table at rest: statistics, and the visibility map index-only scans need.
            cursor.execute("VACUUM ANALYZE")
        for username, level, region in [
            ("national", "national", None),
            ("zhejiang", "provincial", "330000"),
            ("hangzhou", "municipal", "330100"),
        ]:
            user = User.objects.create_user(username)
            ReviewerAssignment.objects.create(user=user, level=level, region_id=region)
    officials = {name: User.objects.get(username=name) for name in ("national", "zhejiang", "hangzhou")}
    print(f"(code under test: {SRC})", file=sys.stderr, flush=True)
    hangzhou_count = counties and sum(1 for c in counties if c.path.startswith("330000/330100/"))
    rows = []
    load_before = os.getloadavg()
    for username, user in officials.items():
        client = Client()
        client.force_login(user)
        for tier in ("little_giant", "srdi_sme"):
            for label, url in [
                ("page", f"/digital/tracker/?tier={tier}"),
                ("API", f"/api/digital/tracker?tier={tier}"),
            ]:
                samples = timings(client.get, url)
                rows.append((username, tier, label, statistics.median(samples), p95(samples)))
    load_after = os.getloadavg()
    print(f"\n## Digital tracker, {LITTLE_GIANTS:,} little giants and {SRDI:,} SRDI SMEs, years {YEARS}\n")
    print(f"PostgreSQL; {ROUNDS} requests each after two warm-ups; Hangzhou has {hangzhou_count} counties.")
    print(
        f"Load average before: {load_before[0]:.2f} {load_before[1]:.2f}; after: {load_after[0]:.2f} {load_after[1]:.2f}\n"
    )
    print("| official | tier | what | median ms | p95 ms | p95 target |")
    print("|---|---|---|---:|---:|---|")
    failed = False
    for username, tier, label, median, high in rows:
        ok = high < TARGET_P95_MS
        failed |= label == "page" and not ok
        print(
            f"| {username} | {tier} | {label} | {median:.0f} | {high:.0f} | {'met' if ok else 'MISSED'} (<{TARGET_P95_MS:.0f}) |"
        )
    return 1 if failed else 0


def main() -> int:
    if not REUSE:
        create_database(DATABASE)
    try:
        setup_django(DATABASE, src=SRC)
        return run()
    finally:
        if KEEP:
            from django.db import connections

            connections.close_all()
            print(f"(kept database {DATABASE})", file=sys.stderr, flush=True)
        else:
            drop_database(DATABASE)


if __name__ == "__main__":
    sys.exit(main())
