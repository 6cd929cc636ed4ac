"""The one exception for "changed while you were looking": a write refused because its version is stale.

A leaf module so every app's optimistic-concurrency check raises the same thing, which pages show as a message
and the API answers with 409.
"""

from __future__ import annotations


class Conflict(Exception):
    """The object moved on since the caller read it; reload and try again."""
