"""Health (the process answers) and readiness (the database answers and a task worker is alive)."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from littlegiant.operations.workers import live_workers


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: answers without touching the database, so a database outage never restarts the web tier."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers, at least one worker beats, and the queue's oldest task is not late."""
    checks: dict[str, dict[str, object]] = {}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    except DatabaseError as error:
        checks["database"] = {"ok": False, "error": type(error).__name__}
        return JsonResponse({"status": "unavailable", "checks": checks}, status=503)
    workers = live_workers()
    checks["workers"] = {"ok": workers > 0, "alive": workers}
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    checks["queue"] = {
        "ok": age <= settings.LITTLEGIANT_QUEUE_LATE_SECONDS,
        "waiting": waiting.count(),
        "oldest_seconds": round(age),
    }
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
