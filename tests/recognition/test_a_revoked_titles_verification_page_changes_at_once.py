"""The verification page is cached for everyone (recognition/public_pages.py), and a revocation forgets it: the
next request, on any web worker, says the title was revoked."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.utils import timezone

from littlegiant.recognition import services
from littlegiant.recognition.models import Application, Recognition, RecognitionBatch
from tests.recognition.conftest import make_programme


@pytest.fixture
def title(alpha, alice, provincial_reviewer):
    """Last year's SRDI title of Alpha, recognised by the province."""
    today = timezone.localdate()
    last_year = make_programme("srdi_sme", title="past")
    last_year.year = today.year - 1
    last_year.save()
    application = Application.objects.create(
        programme=last_year,
        enterprise=alpha,
        filing=alpha.filings.get(),
        status="recognised",
        current_stage=last_year.stages.last(),
        created_by=alice,
    )
    batch = RecognitionBatch.objects.create(
        programme=last_year, title="2025年第一批", decided_by=provincial_reviewer, decided_on=today
    )
    return Recognition.objects.create(
        application=application,
        enterprise=alpha,
        enterprise_name="阿尔法科技",
        batch=batch,
        tier="srdi_sme",
        valid_from=today - dt.timedelta(days=100),
        valid_until=today + dt.timedelta(days=900),
        certificate_code=services.certificate_code(),
    )


def _result(client, code: str) -> str:
    page = client.get(f"/recognition/verify/?code={code}", headers={"accept-language": "en"}).content.decode()
    return page[page.index('id="verification-result"') :]


def test_the_answer_is_cached_then_forgotten_when_the_title_is_revoked(client, title, provincial_reviewer):
    first = _result(client, title.certificate_code)
    assert "阿尔法科技" in first and "Genuine and valid" in first
    # Changed behind the services' back (as a data fix would): the cached answer still stands, until it expires.
    Recognition.objects.filter(pk=title.pk).update(enterprise_name="改名科技")
    assert "阿尔法科技" in _result(client, title.certificate_code)

    services.revoke(title, by=provincial_reviewer, cause="data_falsification", comment="研发费用造假")

    after = _result(client, title.certificate_code)
    assert "Genuine, but the title was revoked" in after and "改名科技" in after


def test_on_postgresql_the_cache_is_the_database_every_worker_shares(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serves one process (the demo); its cache is local memory.")
    assert isinstance(caches["default"], DatabaseCache)
