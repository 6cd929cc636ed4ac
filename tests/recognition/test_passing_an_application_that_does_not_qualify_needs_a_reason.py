"""An application whose assessment does not qualify is flagged in the queue and on its page, and passes only
with a written override reason, which the history keeps."""

import pytest
from django.core.exceptions import ValidationError

from littlegiant.recognition import services
from littlegiant.recognition.models import Application, ApplicationStatus
from tests.cast import PASSWORD


@pytest.fixture
def not_qualifying(submitted):
    Application.objects.filter(pk=submitted.pk).update(outcome="not_qualified")
    return Application.objects.get(pk=submitted.pk)


def test_it_is_flagged_and_needs_a_reason(client, not_qualifying, hangzhou_reviewer):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    assert "assessment-flag" in client.get("/recognition/queue/").content.decode()
    page = client.get(f"/recognition/applications/{not_qualifying.pk}/").content.decode()
    assert "assessment-flag" in page and 'name="override_reason"' in page
    with pytest.raises(ValidationError) as refused:
        services.pass_stage(not_qualifying, by=hangzhou_reviewer)
    assert "override_reason" in refused.value.message_dict
    services.pass_stage(not_qualifying, by=hangzhou_reviewer, override_reason="现场核查后研发口径符合。")
    not_qualifying.refresh_from_db()
    assert not_qualifying.status == ApplicationStatus.STAGE_PASSED
    assert not_qualifying.override_reason == "现场核查后研发口径符合。"
    assert not_qualifying.events.filter(action="pass", comment__contains="现场核查后研发口径符合。").exists()


def test_a_qualifying_one_passes_without(submitted, hangzhou_reviewer):
    Application.objects.filter(pk=submitted.pk).update(outcome="qualified")
    application = Application.objects.get(pk=submitted.pk)
    assert application.qualifies is True
    services.pass_stage(application, by=hangzhou_reviewer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.STAGE_PASSED and not application.override_reason
