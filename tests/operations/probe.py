"""A task for the worker tests: it appends its number to a file, so a task run twice shows up twice."""

from __future__ import annotations

import os
import time

from django.tasks import task


@task
def record_run(path: str, number: int) -> int:
    """Append `number` to the file at `path` (O_APPEND: concurrent writers never interleave a line)."""
    time.sleep(0.02)  # long enough for the two workers to overlap
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, f"{number}\n".encode())
    finally:
        os.close(descriptor)
    return number
