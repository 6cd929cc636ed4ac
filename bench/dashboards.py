"""Dashboard pages at national size in PostgreSQL, against a small database.

Creates a dedicated database (dropped again at the end), migrates it, measures the national, provincial,
municipal and public dashboards with a handful of titles (the baseline), then loads the register at national
size with COPY (BENCH_ENTERPRISES, default 5,000,000 enterprises), counts it into the summary table as the
hourly job does, writes the summary rows of 140,000 SRDI SMEs and 12,000 little giants spread over every
county (as the recognition service keeps them), 1,780 service institutions and their tallies, and measures
again. Each page goes through Django's full stack (middleware, session, templates); the table gives the
median, p95 and the ratio to the baseline, with the load average, since the machine is shared.

    BENCH_PG=postgres://postgres@127.0.0.1:5432  BENCH_ENTERPRISES=5000000  python bench/dashboards.py

BENCH_DATABASE names the database (default littlegiant_bench_dashboards); BENCH_KEEP=1 keeps it afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import review_queue  # noqa: E402
from review_queue import drop_database, p95, setup_django, timings  # noqa: E402

PG = review_queue.PG
DATABASE = os.environ.get("BENCH_DATABASE", "littlegiant_bench_dashboards")
review_queue.DATABASE = DATABASE
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
ENTERPRISES = int(os.environ.get("BENCH_ENTERPRISES", "5000000"))
SRDI, LITTLE_GIANTS, INSTITUTIONS = 140_000, 12_000, 1_780
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
TARGET_P95_MS = 300.0
COPY_BATCH = 250_000


def load_register(cursor, counties: list[str], classes: list[str]) -> None:
    """ENTERPRISES rows COPYed into the register in batches (identity only: the dashboards never read more)."""
    rng = random.Random(1)
    now = "2026-01-01 00:00:00+00"
    for start in range(0, ENTERPRISES, COPY_BATCH):
        buffer = io.StringIO()
        for number in range(start, min(start + COPY_BATCH, ENTERPRISES)):
            county = rng.choice(counties)
            code = f"91{county}{number:09d}X"
            buffer.write(
                f"{code}\t基准企业{number:07d}\t{county}\t{rng.choice(classes)}\t\\N\tf\t{now}\t{now}\n"
            )
        buffer.seek(0)
        with cursor.copy(
            "COPY enterprises_enterprise (credit_code, name, region_id, industry_id, founded_on, "
            "possible_duplicate, created_at, updated_at) FROM STDIN"
        ) as copy:
            copy.write(buffer.read())
        print(f"(  {min(start + COPY_BATCH, ENTERPRISES):,} enterprises)", file=sys.stderr, flush=True)


def title_rows(counties: list[str], sections: list[str], batches: dict[tuple[str, int], int]) -> Counter:
    """The summary rows of SRDI SMEs and little giants, as the recognition service would have kept them."""
    rng = random.Random(2)
    rows: Counter = Counter()
    for tier, count in (("srdi_sme", SRDI), ("little_giant", LITTLE_GIANTS)):
        for _ in range(count):
            year = rng.randint(2019, 2025)
            valid_from = dt.date(year, 7, 1)
            revoked = rng.random() < 0.01
            key = (
                rng.choice(counties),
                rng.choice(sections),
                rng.choice(["small", "medium", "micro", ""]),
                tier,
                batches[(tier, year)],
                year,
                valid_from,
                dt.date(year + 3, 6, 30),
                year + 1 if revoked else 0,
            )
            rows[key] += 1
    return rows


def run() -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"(migrated in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    call_command("createcachetable", verbosity=0)

    from littlegiant.accounts.models import ReviewerAssignment, User
    from littlegiant.figures.models import Tally, TitleCount
    from littlegiant.figures.services import refresh_registry
    from littlegiant.recognition.models import Programme, RecognitionBatch
    from littlegiant.reference.models import IndustryClass, IndustrySection, Region
    from littlegiant.services.models import ServiceInstitution

    people = {
        "national": (User.objects.create_user("national"), "national", None),
        "provincial": (User.objects.create_user("provincial"), "provincial", "330000"),
        "municipal": (User.objects.create_user("municipal"), "municipal", "330100"),
    }
    for user, level, region in people.values():
        ReviewerAssignment.objects.create(user=user, level=level, region_id=region)
    clients = {}
    for name, (user, _level, _region) in people.items():
        clients[name] = Client()
        clients[name].force_login(user)
    clients["public"] = Client()
    pages = [
        ("National dashboard", "national", "/dashboards/"),
        ("Provincial dashboard (Zhejiang)", "provincial", "/dashboards/"),
        ("Municipal dashboard (Hangzhou)", "municipal", "/dashboards/"),
        ("National official opens a county", "national", "/dashboards/regions/330106/"),
        ("Public page", "public", "/dashboards/public/"),
    ]

    def measure() -> dict[str, list[float]]:
        results = {}
        for label, who, url in pages:
            assert clients[who].get(url).status_code == 200, url
            results[label] = timings(lambda c=clients[who], u=url: c.get(u), ROUNDS)
        return results

    # The small database: a few titles in Hangzhou, the register of a dozen enterprises.
    admin = people["national"][0]
    programmes = {
        (tier, year): Programme.objects.create(
            tier=tier,
            year=year,
            title=f"{year} {tier}",
            applications_open_on=dt.date(year, 3, 1),
            applications_close_on=dt.date(year, 4, 1),
        )
        for tier in ("srdi_sme", "little_giant")
        for year in range(2019, 2026)
    }
    batches = {
        key: RecognitionBatch.objects.create(
            programme=programme,
            title=f"第{key[1] - 2018}批 {key[0]}",
            decided_by=admin,
            decided_on=dt.date(key[1], 7, 1),
        ).pk
        for key, programme in programmes.items()
    }
    TitleCount.objects.create(
        grain="own_province", region_id="330000", section="C", size_class="small", tier="srdi_sme",
        batch_id=batches[("srdi_sme", 2025)], batch_year=2025, valid_from=dt.date(2025, 7, 1),
        valid_until=dt.date(2028, 6, 30), n=5,
    )  # fmt: skip
    TitleCount.objects.create(
        region_id="330106", section="C", size_class="small", tier="srdi_sme", batch_id=batches[("srdi_sme", 2025)],
        batch_year=2025, valid_from=dt.date(2025, 7, 1), valid_until=dt.date(2028, 6, 30), n=5,
    )  # fmt: skip
    baseline = measure()

    counties = list(Region.objects.filter(level="county").values_list("code", flat=True))
    classes = list(IndustryClass.objects.values_list("code", flat=True))
    sections = list(IndustrySection.objects.values_list("letter", flat=True))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        load_register(cursor.connection.cursor(), counties, classes)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    refresh_registry()
    registry_seconds = time.perf_counter() - started
    TitleCount.objects.all().delete()
    rows = title_rows(counties, sections, batches)
    provinces_of = dict(Region.objects.values_list("code", "province_code"))
    by_province: Counter = Counter()
    for k, n in rows.items():
        by_province[(provinces_of[k[0]], *k[1:])] += n
    TitleCount.objects.bulk_create(
        [
            TitleCount(
                grain=grain, region_id=k[0], section=k[1], size_class=k[2], tier=k[3], batch_id=k[4],
                batch_year=k[5], valid_from=k[6], valid_until=k[7], revoked_year=k[8], n=n,
            )
            for grain, counted in (("own_region", rows), ("own_province", by_province))
            for k, n in counted.items()
        ],
        batch_size=5000,
    )  # fmt: skip
    rng = random.Random(3)
    levels = ["county"] * 1300 + ["municipal"] * 420 + ["provincial"] * 59 + ["national"]
    cities = list(Region.objects.filter(level="prefecture").values_list("code", flat=True))
    provinces = list(Region.objects.filter(level="province").values_list("code", flat=True))
    ServiceInstitution.objects.bulk_create(
        [
            ServiceInstitution(
                name=f"基准服务机构{n:04d}", level=level, kind="one_stop",
                region_id={"county": rng.choice(counties), "municipal": rng.choice(cities),
                           "provincial": rng.choice(provinces), "national": None}[level],
            )
            for n, level in enumerate(levels[:INSTITUTIONS])
        ]
    )  # fmt: skip
    tallies = Counter()
    for county in counties:
        for category in ("financing", "digital", "talent"):
            tallies[("requests_filed", county, category, 2025)] += rng.randint(0, 40)
            tallies[("requests_closed", county, category, 2025)] += rng.randint(0, 30)
        tallies[("licences", county, "paying", 0)] += rng.randint(0, 3)
    Tally.objects.bulk_create(
        [Tally(measure=m, region_id=r, key=k, year=y, n=n) for (m, r, k, y), n in tallies.items()],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"(loaded {ENTERPRISES:,} enterprises in {loaded:.0f} s; registry counted in {registry_seconds:.1f} s; "
        f"{len(rows):,} title summary rows)",
        file=sys.stderr,
        flush=True,
    )
    loaded_results = measure()
    load = os.getloadavg()

    print(
        f"PostgreSQL, {ENTERPRISES:,} enterprises, {SRDI:,} SRDI SMEs and {LITTLE_GIANTS:,} little giants "
        f"({len(rows):,} summary rows), {INSTITUTIONS:,} institutions; {ROUNDS} requests per page through the "
        f"full Django stack. Load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} CPUs.\n"
        f"The register counted into the summary table in {registry_seconds:.1f} s (the hourly job).\n"
    )
    print(
        f"| {'Page':<36} | {'base med':>8} | {'base p95':>8} | {'median ms':>9} | {'p95 ms':>7} | {'× base':>6} |"
    )
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 10}|{'-' * 11}|{'-' * 9}|{'-' * 8}|")
    worst = 0.0
    for label, _who, _url in pages:
        small, large = baseline[label], loaded_results[label]
        worst = max(worst, p95(large))
        ratio = statistics.median(large) / statistics.median(small)
        print(
            f"| {label:<36} | {statistics.median(small):>8.1f} | {p95(small):>8.1f} | "
            f"{statistics.median(large):>9.1f} | {p95(large):>7.1f} | {ratio:>6.2f} |"
        )
    verdict = "within" if worst < TARGET_P95_MS else "OVER"
    print(
        f"\nWorst p95 {worst:.1f} ms: {verdict} the {TARGET_P95_MS:.0f} ms target (load {os.getloadavg()[0]:.1f})."
    )
    return 0 if worst < TARGET_P95_MS else 1


def main() -> int:
    review_queue.create_database()
    try:
        setup_django()
        return run()
    finally:
        if KEEP:
            from django.db import connections

            connections.close_all()
            print(f"(kept database {DATABASE})", file=sys.stderr, flush=True)
        else:
            drop_database()


if __name__ == "__main__":
    sys.exit(main())
