"""A one-click notice to the qualifying enterprises, on their home page and by mail; idempotent — a second
click does not notify twice (brief, part 3)."""

from django.core import mail

from littlegiant.notifications.models import Notification
from littlegiant.policies.execution import execute_run
from littlegiant.policies.models import PolicyNotice
from littlegiant.policies.services import notify_qualifying, start_run


def test_a_second_click_notifies_nobody(
    alice, hangzhou_policy, hangzhou_reviewer, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    run = execute_run(start_run(hangzhou_policy, by=hangzhou_reviewer, year=2025, enqueue=False).pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_qualifying(run, by=hangzhou_reviewer) == 1
    assert notify_qualifying(run, by=hangzhou_reviewer) == 0
    again = execute_run(start_run(hangzhou_policy, by=hangzhou_reviewer, year=2025, enqueue=False).pk)
    assert notify_qualifying(again, by=hangzhou_reviewer) == 0

    assert PolicyNotice.objects.filter(policy=hangzhou_policy).count() == 1
    notices = Notification.objects.filter(recipient=alice)
    assert notices.count() == 1
    assert hangzhou_policy.title in notices.get().subject
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [alice.email]
