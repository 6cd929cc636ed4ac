"""The enterprise hears of each decision by email (after the transaction commits)."""

from django.core import mail

from littlegiant.recognition import services


def test_return_and_rejection_are_emailed(
    draft, alice, hangzhou_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit(draft, by=alice, pledge=True)
        services.return_for_correction(application, by=hangzhou_reviewer, note="补充审计报告")
        application.refresh_from_db()
        services.submit(application, by=alice, pledge=True)
        application.refresh_from_db()
        services.reject(application, by=hangzhou_reviewer, reason="criteria_unmet", comment="研发投入不足")
    assert len(mail.outbox) == 4
    assert all(message.to == ["alice@example.cn"] for message in mail.outbox)
    assert "补充审计报告" in mail.outbox[1].body
    assert "研发投入不足" in mail.outbox[3].body
