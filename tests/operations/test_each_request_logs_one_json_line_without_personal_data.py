"""One JSON line per request: method, route pattern (not the raw path), status, duration, user id, request id."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

from littlegiant.operations.requestlog import JsonLineFormatter


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonLineFormatter())
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def request_lines():
    logger = logging.getLogger("littlegiant.requests")
    handler, level = _Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_a_signed_in_page_logs_its_route_and_the_user_id_only(client, alice, alpha, request_lines):
    client.force_login(alice)
    response = client.get(
        reverse("enterprises:detail", args=[alpha.pk]) + "?q=秘密", HTTP_X_REQUEST_ID="proxy-id-12345"
    )
    assert response.status_code == 200
    (line,) = request_lines
    assert line["route"] == "/enterprises/<int:pk>/"
    assert (line["method"], line["status"], line["user_id"]) == ("GET", 200, alice.pk)
    assert line["request_id"] == response["X-Request-ID"] == "proxy-id-12345"
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(line, ensure_ascii=False)
    for personal in (alice.username, alice.email, alpha.name, alpha.credit_code, "秘密"):
        assert personal not in text


def test_an_unusable_incoming_request_id_is_replaced(client, request_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    (line,) = request_lines
    assert line["request_id"] == response["X-Request-ID"] != "<script>"
    assert (line["route"], line["user_id"]) == ("/healthz", None)
