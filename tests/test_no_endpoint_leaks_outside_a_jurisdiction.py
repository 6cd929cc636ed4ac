"""Every page and API operation, asked by each person of the cast about objects inside and outside their
jurisdiction, refuses the outside ones and never shows them: the sweep finds no leak.

The endpoints come from the URL resolver and the ninja routers (tests/endpoint_sweep.py), so a new endpoint is
swept without anyone adding it here; a new path parameter with no fixture fails this test until given one.
"""

import pytest
from django.utils import translation

from tests.endpoint_sweep import sweep
from tests.endpoint_world import build_world

CAST = [
    "alice",
    "bob",
    "alpha",
    "beta",
    "hangzhou_reviewer",
    "ningbo_reviewer",
    "provincial_reviewer",
    "national_reviewer",
    "admin",
    "olivia",
    "oscar",
    "hangzhou_university",
    "ningbo_institute",
    "carol",
    "dave",
    "nina",
    "xihu_centre",
    "ningbo_centre",
]


@pytest.fixture
def world(db, request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cast = {name: request.getfixturevalue(name) for name in CAST}
    with translation.override("en"):
        a, b, shared = build_world(cast)
    return cast, a, b, shared


def test_no_endpoint_answers_or_shows_an_outsider_anything(world):
    cast, a, b, shared = world
    failures = sweep(cast, a, b, shared)
    assert failures == [], "\n".join(failures)
