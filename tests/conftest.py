"""Test-wide configuration: the fixed cast of characters lives in tests/cast.py."""

import os

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("LITTLEGIANT_TESTING", "true")

pytest_plugins = ["tests.cast"]
