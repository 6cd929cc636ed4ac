"""Service-network tests assert on English messages; the zh-Hans catalogue is checked for completeness."""

from __future__ import annotations

import pytest
from django.utils import translation

from littlegiant.services import demo


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def shorter_demo_history(monkeypatch):
    """The demo's history at 200 requests: each is lived through the services, and the checks of its shape need
    no more (the demo itself has 1,500)."""
    monkeypatch.setattr(demo, "HISTORY_REQUESTS", 200)
    return 200
