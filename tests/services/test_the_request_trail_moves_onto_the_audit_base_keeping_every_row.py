"""Issue 10, "one audit-event base used by every app": the service requests' trail moves onto
`audit.AuditEvent` by a data migration that keeps every row and what each said (the role's display string
becomes a code plus the institution it was held at, and back again)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("services", "0002_scorecard_covering_indexes")]
AFTER = [("services", "0003_request_event_on_the_audit_base")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_row_keeps_its_role_place_and_transition(alpha, alice, xihu_centre, hangzhou_centre):
    apps = _migrate(BEFORE)
    Request = apps.get_model("services", "ServiceRequest")
    Event = apps.get_model("services", "RequestEvent")
    request = Request.objects.create(
        enterprise_id=alpha.pk,
        category="financing",
        title="贷款",
        description="说明",
        filed_at=timezone.now(),
        filed_by_id=alice.pk,
        status="routed",
        institution_id=hangzhou_centre.pk,
    )
    now = timezone.now()
    old = {
        "decline": ("counsellor · 西湖区中小企业服务站", "routed", "routed"),
        "file": (f"owner · {alpha.name}", "", "routed"),
        "escalate": ("system", "routed", "routed"),
        "odd": ("manager · 无此机构", "routed", "accepted"),
    }
    for action, (role, before, after) in old.items():
        Event.objects.create(
            request=request,
            role=role,
            action=action,
            from_status=before,
            to_status=after,
            institution_id=hangzhou_centre.pk,
            created_at=now,
        )

    apps = _migrate(AFTER)
    Event = apps.get_model("services", "RequestEvent")
    rows = {e.action: e for e in Event.objects.all()}
    assert sorted(rows) == sorted(old)
    assert (rows["decline"].role, rows["decline"].held_at_id, rows["decline"].region) == (
        "counsellor",
        xihu_centre.pk,
        xihu_centre.region_id,
    )
    assert (rows["file"].role, rows["file"].region) == ("owner", alpha.region_id)
    assert rows["escalate"].role == "system"
    assert rows["odd"].role == "manager · 无此机构"  # its place is unknown: kept as it was
    assert {a: (e.from_state, e.to_state) for a, e in rows.items()} == {a: o[1:] for a, o in old.items()}

    apps = _migrate(BEFORE)
    Event = apps.get_model("services", "RequestEvent")
    assert {e.action: e.role for e in Event.objects.all()} == {a: o[0] for a, o in old.items()}
    _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
