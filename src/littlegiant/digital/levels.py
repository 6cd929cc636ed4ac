"""The level snapshot: for every enterprise holding a tracked title, the level that counts each year (D17).

`refresh` recomputes the snapshot rows of some enterprises from the sources (their non-revoked titles, the
MIIT-entered levels of their filings, their submitted evaluations, their region and name) and replaces them;
the services that change a source call it in their own transaction, so the tracker's counts are never stale.
`rebuild` does the same for every titled enterprise, in chunks. Both go through `_rows`, and a test holds the
snapshot kept by the services against a rebuilt one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F

from littlegiant.digital.models import CountGrain, Evaluation, LevelCount, LevelSnapshot, LevelSource
from littlegiant.digital.tracker import FIRST_YEAR, TRACKED_TIERS
from littlegiant.enterprises.models import AnnualFiling, Enterprise

CHUNK = 2000
# A rebuild reads the sources by ranges of this many titled enterprises.
REBUILD_CHUNK = 10000
ONE_DAY = dt.timedelta(days=1)


def _recognitions():  # noqa: ANN202 - the recognition app's model, reached through the enterprise relation
    # Digital sits below recognition and never imports it: the title is read through the reverse relation the
    # recognition app declares on Enterprise, as the tracker always did (`recognitions__tier`).
    return Enterprise._meta.get_field("recognitions").related_model


def _spans(periods: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Overlapping or back-to-back validity periods (a title and its renewal) merged into spans."""
    spans: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(periods):
        if spans and start <= spans[-1][1] + ONE_DAY:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


# The snapshot's columns, in the order `_rows` computes them.
SNAPSHOT_COLUMNS = (
    "enterprise_id",
    "year",
    "tier",
    "held_from",
    "held_until",
    "region_id",
    "region_path",
    "name",
    "level",
    "source",
    "miit_level",
    "questionnaire_level",
    "weakest_dimension",
)


def _rows(enterprise_ids: Iterable[int] = (), *, between: tuple[int, int] | None = None) -> list[tuple]:
    """The snapshot rows of these enterprises (or of those whose key lies `between` two, both included: a
    rebuild's chunk, read by range rather than by a list of thousands of keys), computed from the sources, as
    tuples in SNAPSHOT_COLUMNS order (no model instance: a rebuild computes 600,000 of them)."""

    def of_these(field: str) -> dict[str, object]:
        if between is None:
            return {f"{field}__in": list(enterprise_ids)}
        return {f"{field}__gte": between[0], f"{field}__lte": between[1]}

    periods: dict[tuple[int, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for enterprise_id, tier, start, end in (
        _recognitions()
        .objects.filter(**of_these("enterprise_id"), tier__in=list(TRACKED_TIERS), revoked_at__isnull=True)
        .values_list("enterprise_id", "tier", "valid_from", "valid_until")
    ):
        periods[(enterprise_id, tier)].append((start, end))
    if not periods:
        return []
    titled = {enterprise_id for enterprise_id, _tier in periods}
    identity = {
        pk: (region_id, path, name)
        for pk, region_id, path, name in Enterprise.objects.filter(**of_these("pk")).values_list(
            "pk", "region_id", "region__path", "name"
        )
        if pk in titled
    }
    entered = {
        (enterprise_id, year): level
        for enterprise_id, year, level in AnnualFiling.objects.filter(
            **of_these("enterprise_id"), digital_level__isnull=False
        ).values_list("enterprise_id", "year", "digital_level")
    }
    evaluated = {
        (enterprise_id, year): (level, weakest)
        for enterprise_id, year, level, weakest in Evaluation.objects.submitted()
        .filter(**of_these("enterprise_id"))
        .values_list("enterprise_id", "year", "provisional_level", "weakest_dimension")
    }
    # Plain strings: the choices are an enum, which a COPY would write by its name.
    miit_source, questionnaire_source, no_source = (
        str(LevelSource.MIIT.value),
        str(LevelSource.QUESTIONNAIRE.value),
        str(LevelSource.NONE.value),
    )
    rows = []
    for (enterprise_id, tier), dates in periods.items():
        region_id, path, name = identity[enterprise_id]
        for start, end in _spans(dates):
            for year in range(max(start.year, FIRST_YEAR), end.year + 1):
                miit = entered.get((enterprise_id, year))
                questionnaire, weakest = evaluated.get((enterprise_id, year), (None, ""))
                # D17: a level entered from the MIIT platform always wins over the questionnaire's.
                level = miit if miit is not None else questionnaire
                source = (
                    miit_source
                    if miit is not None
                    else questionnaire_source
                    if questionnaire is not None
                    else no_source
                )
                rows.append(
                    (
                        enterprise_id,
                        year,
                        tier,
                        max(start, dt.date(year, 1, 1)),
                        min(end, dt.date(year, 12, 31)),
                        region_id,
                        path,
                        name,
                        level,
                        source,
                        miit,
                        questionnaire,
                        weakest or "",
                    )
                )
    return rows


def _write(rows: list[tuple]) -> None:
    """Insert snapshot rows: by COPY on PostgreSQL (a rebuild writes 600,000), else in batches."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        columns = {field.attname: field.column for field in LevelSnapshot._meta.concrete_fields}
        quote = connection.ops.quote_name
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY {quote(LevelSnapshot._meta.db_table)} "
                f"({', '.join(quote(columns[name]) for name in SNAPSHOT_COLUMNS)}) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    LevelSnapshot.objects.bulk_create(
        (LevelSnapshot(**dict(zip(SNAPSHOT_COLUMNS, row, strict=True))) for row in rows), batch_size=CHUNK
    )


# What a snapshot row is counted by; a count adds its grain in front.
COUNT_KEY = ("tier", "year", "region_id", "region_path", "held_from", "held_until", "level")
COUNT_COLUMNS = ("grain", *COUNT_KEY)


COUNT_KEY_AT = tuple(SNAPSHOT_COLUMNS.index(name) for name in COUNT_KEY)


def _count_key(row: Iterable[object]) -> tuple:
    *rest, level = row
    return (*rest, level or 0)


def _count_key_of(row: tuple) -> tuple:
    """The count key of a row as `_rows` computes it."""
    return _count_key(row[at] for at in COUNT_KEY_AT)


def _at_every_grain(deltas: Counter) -> Counter:
    """Snapshot keys (the enterprise's own region) turned into count keys at each grain: the region cut to its
    province, its city and its county (a path shorter than that stays whole)."""
    grained: Counter = Counter()
    for (tier, year, _region_id, path, held_from, held_until, level), delta in deltas.items():
        codes = path.rstrip("/").split("/")
        for grain in CountGrain.values:
            kept = codes[:grain]
            grained[(grain, tier, year, kept[-1], "/".join(kept) + "/", held_from, held_until, level)] += (
                delta
            )
    return grained


def _add_counts(deltas: Counter) -> None:
    """Add the differences to the counts, key by key in one order (so two writers never wait on each other in
    a circle); a key seen for the first time is created, or updated if another writer created it first."""
    for key in sorted(k for k, delta in deltas.items() if delta):
        where = dict(zip(COUNT_COLUMNS, key, strict=True))
        filters = {name: value for name, value in where.items() if name != "region_path"}
        if LevelCount.objects.filter(**filters).update(enterprises=F("enterprises") + deltas[key]):
            continue
        try:
            with transaction.atomic():
                LevelCount.objects.create(**where, enterprises=deltas[key])
        except IntegrityError:
            LevelCount.objects.filter(**filters).update(enterprises=F("enterprises") + deltas[key])


def refresh(enterprise_ids: Iterable[int]) -> None:
    """Replace these enterprises' snapshot rows by ones computed from the sources, and move the counts by the
    difference (in the caller's transaction)."""
    ids = sorted(set(enterprise_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            old = LevelSnapshot.objects.select_for_update().filter(enterprise_id__in=chunk)
            deltas = Counter(_count_key(row) for row in old.values_list(*COUNT_KEY))
            for key in deltas:
                deltas[key] = -deltas[key]
            old.delete()
            rows = _rows(chunk)
            _write(rows)
            deltas.update(_count_key_of(row) for row in rows)
            _add_counts(_at_every_grain(deltas))


def on_register_changed(sender: object, *, enterprise_ids: Iterable[int], **kwargs: object) -> None:
    """The register changed these enterprises' identity or filings: their rows follow."""
    refresh(enterprise_ids)


def _titled_ids() -> list[int]:
    # Integers only: the whole country's titled enterprises fit in memory where their rows would not.
    return list(
        _recognitions()
        .objects.filter(tier__in=list(TRACKED_TIERS), revoked_at__isnull=True)
        .order_by("enterprise_id")
        .values_list("enterprise_id", flat=True)
        .distinct()
    )


def rebuild(*, log: Callable[[str], None] | None = None) -> int:
    """Write the whole snapshot again from the sources, chunk by chunk, in one transaction; returns its rows."""
    with transaction.atomic():
        LevelSnapshot.objects.all().delete()
        titled = _titled_ids()
        for start in range(0, len(titled), REBUILD_CHUNK):
            chunk = titled[start : start + REBUILD_CHUNK]
            _write(_rows(between=(chunk[0], chunk[-1])))
            if log:
                log(f"{start + len(chunk):,} titled enterprises")
        rebuild_counts()
        return LevelSnapshot.objects.count()


def rebuild_counts() -> None:
    """Count the snapshot again into the level counts, at every grain."""
    counts = _at_every_grain(
        Counter(
            {
                _count_key(key): n
                for *key, n in LevelSnapshot.objects.values_list(*COUNT_KEY)
                .annotate(n=Count("pk"))
                .order_by()
                .iterator()
            }
        )
    )
    with transaction.atomic():
        LevelCount.objects.all().delete()
        LevelCount.objects.bulk_create(
            (
                LevelCount(**dict(zip(COUNT_COLUMNS, key, strict=True)), enterprises=n)
                for key, n in counts.items()
            ),
            batch_size=CHUNK,
        )
