"""Coverage and scorecards with 2,000 institutions and 200,000 requests in PostgreSQL, against a tiny network.

Measures the pages in a dedicated database holding four institutions and a few requests (the tiny network),
then in a second one holding those plus a synthetic national network of 2,000 institutions and 200,000
requests (with their assignments, sessions, outcomes and ratings). Both databases are created, migrated and
dropped again at the end. Pages go through Django's full stack (middleware, session, templates) in this
process, warm; the table gives medians, p95 and the ratio to the tiny network.

    BENCH_PG=postgres://postgres@127.0.0.1:5432  BENCH_REQUESTS=200000  python bench/services_pages.py

Loading 200,000 requests takes a quarter of an hour on a busy machine. With BENCH_KEEP=1 the big database is
kept at the end and, when it exists, reused (migrated to the current schema and vacuumed) instead of loaded
again, so a change can be measured in minutes; the tiny network is always built afresh.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

from bench_database import create_database, database_exists, drop_database, p95, setup_django

DATABASE = "littlegiant_bench_services"
TINY_DATABASE = "littlegiant_bench_services_tiny"
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
INSTITUTIONS = int(os.environ.get("BENCH_INSTITUTIONS", "2000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200000"))
ENTERPRISES = int(os.environ.get("BENCH_SERVICE_ENTERPRISES", "8000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
TARGET_P95_MS = 300.0
PAGES = [
    ("coverage, whole country", "/services/coverage/"),
    ("coverage, one province", "/services/coverage/?region=330000"),
    ("coverage, one city", "/services/coverage/?region=330100"),
    ("scorecards, page 1", "/services/scorecards/"),
    ("scorecards, county, page 3", "/services/scorecards/?level=county&page=3"),
]


def use_database(name: str) -> None:
    """Point Django's default connection at another database of the same server."""
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = name


def prepared_admin():  # noqa: ANN201
    """Migrate the current database and return its superuser (created on first use)."""
    from django.core.management import call_command

    from littlegiant.accounts.models import User

    call_command("migrate", interactive=False, verbosity=0)
    admin = User.objects.filter(username="bench_admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            username="bench_admin",
            password="bench-password-1",  # noqa: S106  (a throwaway database)
            email="b@x.cn",
        )
    return admin


def signed_in(admin):  # noqa: ANN001, ANN201
    from django.test import Client

    client = Client()
    client.force_login(admin)
    return client


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


def measure(client) -> dict[str, list[float]]:  # noqa: ANN001
    results = {}
    for label, url in PAGES:

        def get(url: str = url) -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")

        results[label] = timings(get)
    return results


def tiny_network(admin) -> None:  # noqa: ANN001
    """Four institutions (Xihu, Hangzhou, Zhejiang, national) and ten requests, through the services."""
    from littlegiant.enterprises.credit_code import make_credit_code
    from littlegiant.enterprises.models import Enterprise, Membership
    from littlegiant.services import services
    from littlegiant.services.models import InstitutionCategory, InstitutionStaff, ServiceInstitution

    national = ServiceInstitution.objects.create(name="国家中心", level="national")
    province = ServiceInstitution.objects.create(
        name="浙江省中心", level="provincial", region_id="330000", parent=national
    )
    city = ServiceInstitution.objects.create(
        name="杭州市中心", level="municipal", region_id="330100", parent=province
    )
    county = ServiceInstitution.objects.create(
        name="西湖区服务站", level="county", region_id="330106", parent=city
    )
    for institution in (national, province, city, county):
        InstitutionCategory.objects.create(institution=institution, category="financing")
        InstitutionStaff.objects.create(user=admin, institution=institution, role="manager")
    enterprise = Enterprise.objects.create(
        credit_code=make_credit_code("91", "330106", "BENCH001"),
        name="基准企业",
        region_id="330106",
        industry_id="3973",
    )
    Membership.objects.create(user=admin, enterprise=enterprise, role="owner")
    for number in range(10):
        request = services.file_request(
            enterprise, by=admin, category="financing", title=f"需求{number}", description="基准"
        )
        services.accept(request, by=admin)
        if number % 2:
            services.close(request, by=admin, resolution="完成", free_of_charge=True)
            services.rate(request, by=admin, score=5)


def big_network(admin, log: Callable[[str], None]) -> None:  # noqa: ANN001
    """The synthetic national network and request history the demo uses, at benchmark size."""
    from django.db import connection
    from django.utils import timezone
    from services_history import load_request_history

    from littlegiant.enterprises.credit_code import make_credit_code
    from littlegiant.enterprises.models import Enterprise
    from littlegiant.reference.models import Region
    from littlegiant.services.demo import build_network

    rng = random.Random(2026)
    network = build_network(rng, total=INSTITUTIONS, log=log)
    counties = list(Region.objects.filter(level="county").values_list("code", "path"))
    enterprises = []
    for number in range(ENTERPRISES):
        code, _path = rng.choice(counties)
        enterprises.append(
            Enterprise(
                credit_code=make_credit_code("91", code, f"B{number:07d}"),
                name=f"基准企业{number:05d}",
                region_id=code,
                industry_id="3973",
            )
        )
    Enterprise.objects.bulk_create(enterprises, batch_size=2000)
    path_of = dict(counties)
    pairs = [(enterprise.pk, path_of[enterprise.region_id]) for enterprise in enterprises]
    started = time.perf_counter()
    made = load_request_history(
        rng,
        network,
        enterprises=pairs,
        filer_of=lambda pk: admin.pk,
        counsellor_of=lambda institution: admin.pk,
        count=REQUESTS,
        end=timezone.now(),
        days=365,
        with_events=False,
        log=log,
    )
    log(f"{made:,} requests loaded in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have done by now


def main() -> int:
    reuse = KEEP and database_exists(DATABASE)
    create_database(TINY_DATABASE)
    if not reuse:
        create_database(DATABASE)
    setup_django(DATABASE)
    try:
        from django.db import connection
        from django.db.models import Count

        from littlegiant.services.models import (
            RequestAssignment,
            ServiceInstitution,
            ServiceRating,
            ServiceRequest,
            ServiceSession,
        )

        print("Migrating the tiny network's database…", flush=True)
        use_database(TINY_DATABASE)
        admin = prepared_admin()
        tiny_network(admin)
        baseline = measure(signed_in(admin))

        use_database(DATABASE)
        if reuse:
            print(f"Reusing the kept database {DATABASE} (BENCH_KEEP=1): migrating, vacuuming…", flush=True)
            admin = prepared_admin()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        else:
            print("Migrating the big network's database…", flush=True)
            admin = prepared_admin()
            tiny_network(admin)
            print(f"Loading {INSTITUTIONS:,} institutions and {REQUESTS:,} requests…", flush=True)
            big_network(admin, log=lambda message: print(message, flush=True))
        client = signed_in(admin)
        counts = {
            "institutions": ServiceInstitution.objects.count(),
            "requests": ServiceRequest.objects.count(),
            "assignments": RequestAssignment.objects.count(),
            "sessions": ServiceSession.objects.count(),
            "ratings": ServiceRating.objects.count(),
        }
        levels = dict(ServiceInstitution.objects.values_list("level").annotate(n=Count("pk")))
        loaded = measure(client)
        load = os.getloadavg()

        print()
        print(
            f"Network: {counts['institutions']:,} institutions ({levels}), {counts['requests']:,} requests, "
            f"{counts['assignments']:,} assignments, {counts['sessions']:,} sessions, "
            f"{counts['ratings']:,} ratings"
        )
        print(f"Warm pages, {ROUNDS} requests each, PostgreSQL; target p95 < {TARGET_P95_MS:.0f} ms")
        print(f"Load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
        print()
        print(
            "| page | tiny median ms | tiny p95 ms | big median ms | big p95 ms | ratio (p95) | p95 < target |"  # noqa: E501
        )
        print("|---|---:|---:|---:|---:|---:|:---:|")
        all_fast = True
        for label, _url in PAGES:
            small, big = baseline[label], loaded[label]
            fast = p95(big) < TARGET_P95_MS
            all_fast &= fast
            print(
                f"| {label} | {statistics.median(small):.1f} | {p95(small):.1f} "
                f"| {statistics.median(big):.1f} "
                f"| {p95(big):.1f} | {p95(big) / p95(small):.2f} | {'yes' if fast else 'NO'} |"
            )
        return 0 if all_fast else 1
    finally:
        drop_database(TINY_DATABASE)
        if not KEEP:
            drop_database(DATABASE)


if __name__ == "__main__":
    sys.exit(main())
