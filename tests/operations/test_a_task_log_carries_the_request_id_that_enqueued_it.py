"""A task enqueued while a request is handled logs, in the worker, with that request's id."""

from __future__ import annotations

import json
import logging

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from littlegiant.operations.models import TaskOrigin
from littlegiant.operations.requestlog import JsonLineFormatter, _task_started, current_request_id
from tests.operations.probe import record_run


def test_the_worker_takes_on_the_request_id(db, tmp_path):
    token = current_request_id.set("req-0123456789")
    try:
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}):
            result = record_run.enqueue(str(tmp_path / "runs"), 1)
    finally:
        current_request_id.reset(token)
    assert TaskOrigin.objects.get(task_id=str(result.id)).request_id == "req-0123456789"

    # In the worker: no request is being handled until the task starts.
    assert current_request_id.get() == ""
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(JsonLineFormatter().format(record))  # type: ignore[method-assign]
    logger = logging.getLogger("littlegiant.tasks")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        _task_started(sender=None, task_result=DBTaskResult.objects.get().task_result)
        line = json.loads(records[-1])
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
        current_request_id.set("")
    assert (line["message"], line["request_id"], line["task_id"]) == (
        "task started",
        "req-0123456789",
        str(result.id),
    )
