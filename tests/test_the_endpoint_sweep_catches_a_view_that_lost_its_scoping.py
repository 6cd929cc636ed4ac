"""The every-endpoint sweep can fail: with the enterprise queryset's scoping broken (every user sees every
enterprise), it reports the enterprise pages and API answering outsiders and the list showing the other side."""

from django.utils import translation

from littlegiant.enterprises.models import EnterpriseQuerySet
from tests.endpoint_sweep import sweep
from tests.endpoint_world import build_world
from tests.test_no_endpoint_leaks_outside_a_jurisdiction import CAST


def test_it_reports_the_leaks_of_a_broken_for_user(db, request, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    cast = {name: request.getfixturevalue(name) for name in CAST}
    with translation.override("en"):
        a, b, shared = build_world(cast)
    monkeypatch.setattr(EnterpriseQuerySet, "for_user", lambda self, user, *args, **kwargs: self.all())
    failures = sweep(cast, a, b, shared, only=lambda endpoint: endpoint.name.startswith("enterprises:"))
    beta = cast["beta"]
    assert f"alice GET /enterprises/{beta.pk}/ → 200 (outside)" in failures
    assert any(f.startswith("hangzhou_reviewer GET /enterprises/ shows") and beta.name in f for f in failures)
