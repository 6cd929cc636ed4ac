"""`notify()` writes the in-app notice in the caller's transaction and mails only after it commits."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_lazy

from littlegiant.notifications.models import MailStatus, Notification
from littlegiant.notifications.services import notify


@pytest.mark.django_db(transaction=True)
def test_the_mail_waits_for_the_commit_and_the_notice_records_it(alice, bob):
    notify([alice, bob, alice], subject="Licence offered", body="Terms: 3%", link="/techtransfer/")
    assert Notification.objects.count() == 2  # alice once, bob once
    assert len(mail.outbox) == 2
    assert set(Notification.objects.values_list("mail_status", flat=True)) == {MailStatus.SENT}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing(alice):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        notify([alice], subject="Recognised")
        raise RuntimeError("the decision failed")
    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_notice_is_in_the_platform_language_not_the_request_language(alice):
    with translation.override("en"):
        notify([alice], subject=gettext_lazy("Notifications"))
    notice = Notification.objects.get()
    assert notice.language == "zh-hans"
    assert "通知" in notice.subject and "小巨人" in notice.subject


@pytest.mark.django_db(transaction=True)
def test_a_failed_mail_is_marked_and_does_not_raise(alice, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("littlegiant.notifications.services.send_mail", broken)
    notify([alice], subject="Recognised")
    assert Notification.objects.get().mail_status == MailStatus.FAILED
