"""Issue 20 item 5: generated input against the OpenAPI schema (drf-spectacular), as three
roles, through the real WSGI application: no server error and no answer the schema does not
describe (status code, content type, body). Every operation in the schema is covered, so a
new endpoint is tested without a change here. Bounded by SCHEMATHESIS_EXAMPLES per operation
and role (default 6, about two minutes in CI)."""

from __future__ import annotations

import os
import time

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.services import issue_api_token
from tests.factories import OffenderFactory, UserFactory

pytestmark = [pytest.mark.resilience, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = {
    "custody_sergeant": {"roles": ["custody_officer"], "rank": "sergeant"},
    "supervisor": {
        "roles": ["supervisor"],
        "rank": "inspector",
        "teams": ["bail-management", "iom", "investigation"],
    },
    "ppu_officer": {"roles": ["ppu_officer"], "teams": ["ppu"]},
}


@pytest.fixture
def wsgi_app():
    """The real WSGI application; the test's transaction stays open across its requests
    (as Django's test client does it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("role", list(ROLES))
def test_generated_requests_never_get_a_server_error_or_an_undocumented_answer(role, wsgi_app):
    user = UserFactory(username=f"schemathesis.{role}", **ROLES[role])
    OffenderFactory.create_batch(3)
    _, token = issue_api_token(
        user=user, client="schemathesis", second_factor=True, now=timezone.now()
    )
    auth = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_app, headers=auth)
    failures: list[str] = []
    calls = 0
    statuses: dict[int, int] = {}
    started = time.monotonic()
    # Signing out revokes the token every other request needs: it is tested last, once.
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda operation: operation.path.endswith("/auth/logout/"),
    )
    for operation in operations:

        @given(
            case=operation.as_strategy(GenerationMode.POSITIVE)
            | operation.as_strategy(GenerationMode.NEGATIVE)
        )
        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        def check(case):
            nonlocal calls
            calls += 1
            try:
                response = case.call(headers=auth)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                case.validate_response(response, checks=CHECKS, headers=auth)
            except BaseException as failure:  # collected: every operation is tried
                failures.append(f"{case.operation.label}: {str(failure)[:1500]}")
                raise

        try:
            check()
        except BaseException as error:  # the failure is in ``failures`` already
            if isinstance(error, KeyboardInterrupt):
                raise
            if not failures or operation.label not in failures[-1]:
                failures.append(f"{operation.label}: could not run: {error!r}"[:1500])
    seconds = time.monotonic() - started
    print(
        f"\nschemathesis as {role}: {len(operations)} operations, {calls} requests in "
        f"{seconds:.0f} s, {len(failures)} failing operations; answers {dict(sorted(statuses.items()))}"
    )
    assert not failures, "\n\n".join(failures)
