"""The resilience proofs (issue 20): faults, races and generated input on PostgreSQL.

They take minutes and start servers (a private Redis, Celery processes), so `make test` leaves
them out: they are collected only when DESIST_RESILIENCE=1 (`make resilience` sets it), and
each needs PostgreSQL (`make resilience` refuses to start without DATABASE_URL).
"""

from __future__ import annotations

import os

import pytest
from django.db import connection

ENABLED = os.environ.get("DESIST_RESILIENCE") == "1"


def pytest_collection_modifyitems(config, items):
    if ENABLED:
        return
    skipped = [item for item in items if item.get_closest_marker("resilience")]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if not item.get_closest_marker("resilience")]


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if connection.vendor != "postgresql":
        pytest.skip("resilience proofs run on PostgreSQL (make resilience)")
