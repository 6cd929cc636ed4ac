"""The API answers as its OpenAPI schema says (schemathesis, a bounded number of generated requests per
operation): no server error, every status, content type and body documented, errors in the one shape (F11).

Signed out, every operation is generated (protected ones must answer the documented 401); signed in as a
municipal reviewer, the read operations are (writes are covered by the apps' own tests).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 6  # per operation: enough to reach each documented error, cheap enough for every `make test`
# Binary downloads and the docs page are not JSON operations to fuzz.
NOT_FUZZED = {"/api/enterprises/export", "/api/docs"}


@pytest.fixture(autouse=True)
def _connection_kept_across_requests():
    """The WSGI application closes the database connection around each request (request_started and
    request_finished), which inside a test's transaction leaves the next request a closed connection on
    PostgreSQL. Django's own test client disconnects the same handler; schemathesis calls the application
    directly, so this test does it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path not in NOT_FUZZED:
            yield operation


def _fuzz(operation, **call) -> list[str]:
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        try:
            case.call_and_validate(checks=CHECKS, **call)
        except Exception as failure:  # schemathesis raises a group of check failures; keep each message
            failures.append(f"{operation.method.upper()} {operation.path}: {str(failure)[:400]}")

    run()
    return failures


@pytest.mark.django_db
def test_a_signed_out_caller_gets_documented_answers():
    failures = [failure for operation in _operations() for failure in _fuzz(operation)]
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
def test_a_reviewer_reading_the_api_gets_documented_answers(client, ningbo_reviewer, alpha, beta):
    client.force_login(ningbo_reviewer)
    session = {"sessionid": client.cookies["sessionid"].value}
    reads = [operation for operation in _operations() if operation.method.upper() == "GET"]
    failures = [failure for operation in reads for failure in _fuzz(operation, cookies=session)]
    assert failures == [], "\n".join(failures)
