"""Django set-up for command-line entry points, in a leaf module so sub-commands never import `cli`."""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure Django for commands that touch the database (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "littlegiant.web.settings")
    import django

    django.setup()
