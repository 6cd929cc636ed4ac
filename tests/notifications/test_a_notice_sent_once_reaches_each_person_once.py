"""`notify(once_key=...)`: a notice that must reach each person at most once (an invitation, a policy's
免申即享 notice) is not written or mailed again by a second call, even one racing the first."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from littlegiant.notifications.models import Notification
from littlegiant.notifications.services import notify


@pytest.mark.django_db(transaction=True)
def test_a_second_call_tells_only_those_not_yet_told(alice, bob):
    first = notify([alice], subject="Invited", once_key="invite:7")
    second = notify([alice, bob], subject="Invited", once_key="invite:7")
    assert [notice.recipient for notice in first] == [alice]
    assert [notice.recipient for notice in second] == [bob]
    assert Notification.objects.filter(once_key="invite:7").count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_another_key_or_no_key_is_not_held_back(alice):
    notify([alice], subject="Invited", once_key="invite:7")
    notify([alice], subject="Invited", once_key="invite:8")
    notify([alice], subject="Reminder")
    notify([alice], subject="Reminder")
    assert Notification.objects.filter(recipient=alice).count() == 4


@pytest.mark.django_db
def test_the_database_refuses_a_second_notice_with_the_same_key(alice):
    Notification.objects.create(recipient=alice, subject="a", language="zh-hans", once_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=alice, subject="b", language="zh-hans", once_key="k")


@pytest.mark.django_db
def test_a_call_that_loses_the_race_keeps_the_callers_transaction(alice, monkeypatch):
    """A rival call commits between our read of who was told and our write: the write fails on the unique
    key, we read again and skip alice, and the caller's transaction goes on."""
    from littlegiant.notifications import services

    Notification.objects.create(recipient=alice, subject="rival", language="zh-hans", once_key="invite:9")
    real = services._already_told
    reads = []

    def read_before_the_rival_committed(recipients, once_key):
        reads.append(once_key)
        return set() if len(reads) == 1 else real(recipients, once_key)

    monkeypatch.setattr(services, "_already_told", read_before_the_rival_committed)
    with transaction.atomic():
        sent = notify([alice], subject="Invited", once_key="invite:9")
        assert sent == []
        assert Notification.objects.filter(recipient=alice).count() == 1  # still usable after the conflict
    assert len(reads) == 2
