"""Service-level timers: a request not answered (or not resolved) in time escalates to the next level up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from littlegiant.services import services
from littlegiant.services.models import AssignmentOutcome, RequestStatus, RoutingReason, ServiceRequest
from littlegiant.services.tasks import escalate_overdue_requests
from tests.operations.cli_app import app as littlegiant_cli


@pytest.fixture
def filed(alice, alpha, xihu_centre):
    return services.file_request(
        alpha, by=alice, category="financing", title="贷款", description="需要一笔贷款。"
    )


def test_an_unanswered_request_goes_to_the_municipal_institution(filed, hangzhou_centre):
    later = timezone.now() + timedelta(hours=xihu_hours(filed) + 1)
    report = services.escalate_overdue(now=later)
    filed.refresh_from_db()
    assert report.escalated == 1
    assert filed.institution == hangzhou_centre
    assert filed.status == RequestStatus.ROUTED
    assert filed.escalations == 1
    late, current = filed.assignments.order_by("pk")
    assert late.outcome == AssignmentOutcome.ESCALATED
    assert current.reason == RoutingReason.ESCALATED


def xihu_hours(request: ServiceRequest) -> int:
    return request.institution.first_response_hours


def test_a_request_within_its_time_stays(filed, hangzhou_centre):
    report = services.escalate_overdue(now=timezone.now() + timedelta(hours=1))
    filed.refresh_from_db()
    assert report.escalated == 0
    assert filed.institution.level == "county"


def test_an_accepted_request_not_resolved_in_time_escalates(filed, carol, hangzhou_centre):
    services.accept(filed, by=carol)
    filed.refresh_from_db()
    assert filed.respond_by is None and filed.resolve_by is not None
    report = services.escalate_overdue(now=filed.resolve_by + timedelta(minutes=1))
    filed.refresh_from_db()
    assert report.escalated == 1
    assert filed.institution == hangzhou_centre
    assert filed.status == RequestStatus.ROUTED


def test_escalation_skips_same_level_siblings(filed, hangzhou_centre, db):
    from tests.cast import COUNTY_A, make_institution

    make_institution("西湖区第二服务站", "county", COUNTY_A, parent=hangzhou_centre)
    services.escalate_overdue(now=filed.respond_by + timedelta(minutes=1))
    filed.refresh_from_db()
    assert filed.institution == hangzhou_centre


def test_at_the_top_it_stays_and_the_clock_stops(alice, alpha, national_centre):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="说明")
    assert request.institution == national_centre
    report = services.escalate_overdue(now=request.respond_by + timedelta(minutes=1))
    request.refresh_from_db()
    assert report.stuck_at_top == 1
    assert request.institution == national_centre and request.respond_by is None


def test_the_manual_trigger_runs_the_same_sweep(filed, hangzhou_centre):
    ServiceRequest.objects.filter(pk=filed.pk).update(respond_by=timezone.now() - timedelta(minutes=1))
    result = CliRunner().invoke(littlegiant_cli, ["jobs", "run", "services.escalate_overdue_requests"])
    assert result.exit_code == 0, result.output
    filed.refresh_from_db()
    assert filed.institution == hangzhou_centre


def test_the_periodic_task_runs_the_same_sweep(filed, hangzhou_centre):
    ServiceRequest.objects.filter(pk=filed.pk).update(respond_by=timezone.now() - timedelta(minutes=1))
    result = escalate_overdue_requests.enqueue()
    filed.refresh_from_db()
    assert filed.institution == hangzhou_centre
    assert result.return_value == {"escalated": 1, "stuck_at_top": 0}
