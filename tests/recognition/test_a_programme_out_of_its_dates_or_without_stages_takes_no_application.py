"""A programme takes applications (an enterprise's or a cluster's) only between its dates and once it has review
stages; otherwise the refusal says why (recognition.services.applying.ensure_takes_applications)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition.services.applying import ensure_takes_applications
from tests.recognition.conftest import make_programme


def test_it_refuses_a_day_after_the_closing_date(db):
    programme = make_programme()
    after = programme.applications_close_on + dt.timedelta(days=1)
    with pytest.raises(PermissionDenied, match="takes applications from"):
        ensure_takes_applications(programme, after)


def test_it_refuses_a_programme_without_stages(db):
    programme = make_programme()
    programme.stages.all().delete()
    with pytest.raises(PermissionDenied, match="no review stages"):
        ensure_takes_applications(programme, programme.applications_open_on)


def test_it_takes_an_application_on_the_closing_date(db):
    programme = make_programme()
    ensure_takes_applications(programme, programme.applications_close_on)
