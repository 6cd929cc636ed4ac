"""Service-network tests assert on English messages; the zh-Hans catalogue is checked for completeness."""

from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield
