"""Periodic jobs, declared once: each app names its jobs in `AppConfig.ready()`; the platform schedules them.

A job is a task (django.tasks) and how often it is due. The scheduler (`littlegiant scheduler`, started by
`littlegiant serve`) claims one row per job and period before it enqueues the task, so two schedulers firing
at once enqueue it once (`littlegiant.operations.scheduler`). This module only holds the declarations, so any
app may import it without reaching upward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.tasks import Task
from django.utils import timezone

# Periods are counted from this local midnight, so a daily job's period starts at local midnight.
_EPOCH = datetime(2000, 1, 3)  # a Monday


@dataclass(frozen=True)
class PeriodicJob:
    """A task that is due once in every period of length `every`."""

    name: str
    task: Task
    every: timedelta
    description: str

    def period_start(self, now: datetime) -> datetime:
        """The start of the period that contains `now`, in the platform's time zone."""
        epoch = timezone.make_aware(_EPOCH, timezone.get_default_timezone())
        periods = (now - epoch) // self.every
        return epoch + periods * self.every


_JOBS: dict[str, PeriodicJob] = {}


class UnknownJob(LookupError):
    """No periodic job has this name."""


def declare(name: str, task: Task, *, every: timedelta, description: str) -> PeriodicJob:
    """Declare a periodic job; declaring the same name twice with another task is a programming error."""
    if every < timedelta(minutes=1):
        raise ValueError(f"Periodic job {name}: a period shorter than a minute is not supported.")
    job = PeriodicJob(name=name, task=task, every=every, description=description)
    existing = _JOBS.get(name)
    if existing is not None and existing != job:
        raise ValueError(f"Periodic job {name} is declared twice with different tasks or periods.")
    _JOBS[name] = job
    return job


def jobs() -> list[PeriodicJob]:
    """Every declared job, by name."""
    return [_JOBS[name] for name in sorted(_JOBS)]


def job(name: str) -> PeriodicJob:
    """The job of this name, or UnknownJob naming the ones there are."""
    try:
        return _JOBS[name]
    except KeyError:
        raise UnknownJob(f"No periodic job {name!r}; there are: {', '.join(sorted(_JOBS))}.") from None
