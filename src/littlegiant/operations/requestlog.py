"""Structured logs: one JSON line per request, and the request's id carried into the tasks it enqueued.

Lines name the route (`enterprises/<int:pk>/`), never the raw path or query string, and the user by id only:
no names, addresses or form values reach the log.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.tasks.signals import task_enqueued, task_finished, task_started
from django_tasks_db.backend import DatabaseBackend

request_logger = logging.getLogger("littlegiant.requests")
task_logger = logging.getLogger("littlegiant.tasks")

# The id of the request (or of the task's originating request) being handled in this thread or coroutine.
current_request_id: ContextVar[str] = ContextVar("littlegiant_request_id", default="")
# A proxy may pass its own id on; anything else than a short token is replaced, never logged.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
REQUEST_ID_HEADER = "X-Request-ID"
# Fields that a log line may carry besides the message; anything else passed in `extra` is dropped.
LOGGED_FIELDS = (
    "method",
    "route",
    "status",
    "duration_ms",
    "user_id",
    "task_id",
    "task",
    "task_status",
    "worker_id",
    "job",
)


class JsonLineFormatter(logging.Formatter):
    """A log record as one JSON object on one line, with the current request id."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "") or current_request_id.get()
        if request_id:
            line["request_id"] = request_id
        for name in LOGGED_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _route(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "/" + match.route
    if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return "(static)"
    return "(unmatched)"


class RequestLogMiddleware:
    """Give each request an id (kept if a proxy sent a valid one), answer it in a header, log one line."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            user = getattr(request, "user", None)
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "route": _route(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            current_request_id.reset(token)


# --- Tasks ---------------------------------------------------------------------------------------------------


# The settings' LOGGING names the formatter above, and logging is configured before the models load: the
# receivers below import the model when they run, not when this module is imported.


def _remember_origin(sender: object, task_result: object, **kwargs: object) -> None:
    """On enqueue: keep which request asked for the task (only when a request is being handled)."""
    # Here, not at the top: the logging configuration loads this module before the apps are ready.
    from littlegiant.operations.models import TaskOrigin

    request_id = current_request_id.get()
    task_id = str(task_result.id)  # type: ignore[attr-defined]
    task_logger.info("task enqueued", extra={"task_id": task_id, "task": task_result.task.module_path})  # type: ignore[attr-defined]
    # Only tasks that another process will run need the link; the immediate backend (tests) runs them here.
    if request_id and isinstance(sender, type) and issubclass(sender, DatabaseBackend):
        TaskOrigin.objects.create(task_id=task_id[:64], request_id=request_id)


def _task_started(sender: object, task_result: object, **kwargs: object) -> None:
    """In the worker: take on the originating request's id for every log line of this task."""
    from littlegiant.operations.models import TaskOrigin  # not at the top: see _remember_origin

    task_id = str(task_result.id)  # type: ignore[attr-defined]
    origin = TaskOrigin.objects.filter(task_id=task_id[:64]).values_list("request_id", flat=True).first()
    if origin:
        current_request_id.set(origin)
    task_logger.info("task started", extra={"task_id": task_id, "task": task_result.task.module_path})  # type: ignore[attr-defined]


def _task_finished(sender: object, task_result: object, **kwargs: object) -> None:
    task_logger.info(
        "task finished",
        extra={
            "task_id": str(task_result.id),  # type: ignore[attr-defined]
            "task": task_result.task.module_path,  # type: ignore[attr-defined]
            "task_status": str(task_result.status),  # type: ignore[attr-defined]
        },
    )
    current_request_id.set("")


def connect_task_signals() -> None:
    """Connect the task-log receivers (once; called from the app's ready())."""
    task_enqueued.connect(_remember_origin, dispatch_uid="littlegiant_task_origin")
    task_started.connect(_task_started, dispatch_uid="littlegiant_task_started")
    task_finished.connect(_task_finished, dispatch_uid="littlegiant_task_finished")
