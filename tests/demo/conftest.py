"""A small demo province, built once per test that asks for it."""

import pytest

from littlegiant.demo.build import build_demo

SMALL = 300


@pytest.fixture
def small_demo(db):
    """The core demo (no app demos) with SMALL enterprises and the default seed."""
    return build_demo(enterprises=SMALL, app_demos=(), log=lambda line: None)
