"""F12 of the security review: an over-limit upload was answered 200 (a form error) after the whole 50 MB body
had been received. A body announced over MAX_REQUEST_BYTES is now answered 413 without being read."""

import pytest
from django.test import RequestFactory

from littlegiant.web.middleware import refuse_oversized_bodies


class _Unreadable:
    def read(self, *args):
        raise AssertionError("the body was read")


def _view(request):
    raise AssertionError("the view ran")


def test_it_answers_413_without_reading_the_body(settings):
    settings.MAX_REQUEST_BYTES = 1000
    request = RequestFactory().post("/enterprises/upload/", data=b"", content_type="multipart/form-data")
    request.META["CONTENT_LENGTH"] = "50000000"
    request.META["wsgi.input"] = _Unreadable()
    response = refuse_oversized_bodies(_view)(request)
    assert response.status_code == 413
    assert response["Connection"] == "close"


@pytest.mark.django_db
def test_a_body_within_the_limit_reaches_the_view(client, settings):
    settings.MAX_REQUEST_BYTES = 10_000
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 200
