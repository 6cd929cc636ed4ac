"""The daily background task flags overdue yearly updates through the same service."""

from littlegiant.recognition.tasks import flag_missed_annual_updates


def test_the_task_runs_with_nothing_to_flag(db):
    result = flag_missed_annual_updates.enqueue()
    assert result.return_value == 0
