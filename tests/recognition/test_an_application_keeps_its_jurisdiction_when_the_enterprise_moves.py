"""An application's jurisdiction is fixed when it is submitted: an enterprise that moves to another city
mid-review (by an import or an edit) cannot take the application away from its reviewer or strand it outside
every queue (security review F1); a draft still follows the enterprise."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.enterprises.models import Enterprise
from littlegiant.recognition import services
from littlegiant.recognition.forms import QueueFilterForm
from littlegiant.recognition.models import Application, ApplicationStatus
from littlegiant.recognition.queue import queue_queryset
from tests.cast import COUNTY_A, COUNTY_B


def _move_enterprise(application, county):
    Enterprise.objects.filter(pk=application.enterprise_id).update(region_id=county)
    return Application.objects.get(pk=application.pk)


def _queue(user):
    form = QueueFilterForm({})
    form.is_valid()
    return list(queue_queryset(user, form))


def test_the_first_reviewer_keeps_a_submitted_application(submitted, hangzhou_reviewer, ningbo_reviewer):
    application = _move_enterprise(submitted, COUNTY_B)
    application.save()  # any later save must not re-copy the enterprise's new region
    assert application.region_id == COUNTY_A
    assert application in _queue(hangzhou_reviewer)
    assert Application.objects.for_user(hangzhou_reviewer).filter(pk=application.pk).exists()
    assert application not in _queue(ningbo_reviewer)
    assert not Application.objects.for_user(ningbo_reviewer).filter(pk=application.pk).exists()
    with pytest.raises(PermissionDenied):
        services.pass_stage(application, by=ningbo_reviewer)
    services.pass_stage(application, by=hangzhou_reviewer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.STAGE_PASSED


def test_a_draft_follows_the_enterprise_until_it_is_submitted(draft, alice, ningbo_reviewer):
    application = _move_enterprise(draft, COUNTY_B)
    submitted = services.submit(application, by=alice, pledge=True)
    assert submitted.region_id == COUNTY_B
    assert submitted in _queue(ningbo_reviewer)
