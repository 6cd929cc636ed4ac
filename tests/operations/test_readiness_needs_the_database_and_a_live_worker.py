"""/healthz answers without the database; /readyz is ready only with a live worker and no late task."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from littlegiant.operations.models import WorkerHeartbeat


def test_without_a_worker_it_is_not_ready_and_with_one_it_is(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["workers"] == {"ok": False, "alive": 0}

    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, last_seen=timezone.now())
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"]["ok"] is True


def test_a_silent_or_stopped_worker_does_not_count(client, db):
    silent = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, last_seen=silent)
    WorkerHeartbeat.objects.create(
        worker_id="w2", hostname="h", pid=2, last_seen=timezone.now(), stopped_at=timezone.now()
    )
    assert client.get("/readyz").status_code == 503
