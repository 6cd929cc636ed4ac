"""A small demo with every app's part (accounts for each role), for the pages walked as demo accounts."""

import pytest

from littlegiant.demo.build import build_demo


@pytest.fixture
def small_demo_with_apps(db, shorter_demo_history):
    return build_demo(enterprises=300, log=lambda line: None)
