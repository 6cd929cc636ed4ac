"""The apps' audit trails share the AuditEvent base and its `record()`; an entry without a role is refused."""

import pytest

from littlegiant.assessment.models import ScreeningEvent
from littlegiant.audit import AuditEvent
from littlegiant.techtransfer.models import TransferEvent


def test_the_trails_subclass_the_base():
    assert issubclass(ScreeningEvent, AuditEvent) and issubclass(TransferEvent, AuditEvent)


@pytest.mark.django_db
def test_an_entry_needs_a_role_code():
    with pytest.raises(ValueError, match="needs a role code"):
        ScreeningEvent.record(actor=None, role="", action="start", run=None)
