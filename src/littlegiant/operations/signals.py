"""Signals other apps listen to, so that they never have to be imported from here."""

from django.dispatch import Signal

# Sent (with task_id, task_path, args, kwargs, reason) when a running task is failed because its worker died;
# an app whose task owns a record (a screening run) marks that record failed with the reason.
task_abandoned = Signal()
