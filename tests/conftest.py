"""Shared fixtures: a fixed cast of personas (STYLE.md "Do" 12) and test settings."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps

from tests.factories import OffenderFactory, UserFactory


# Each app's reference-data loader (the function its data migration runs), in dependency
# order: transactional tests empty every table, so they are run again before such a test.
def _offence_catalogue(apps):
    from offenders.catalogue import seed_offence_types

    seed_offence_types(apps.get_model("offenders", "OffenceType"))


def _custody(apps):
    from custody.reference import load_custody_reference

    load_custody_reference(apps)


def _disposals(apps):
    from disposals.reference import load_reference

    load_reference(apps)


def _partners(apps):
    from partners.reference import load_reference

    load_reference(apps)


REFERENCE_LOADERS = [_offence_catalogue, _custody, _disposals, _partners]


def _let_test_flushes_empty_the_access_log():
    """Transactional tests end with a flush, which on SQLite empties tables with DELETE: the
    access log's append-only trigger (audit.append_only) is lifted for that statement and put
    back straight after. (PostgreSQL flushes with TRUNCATE, which the trigger does not see.)"""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    from django.db.backends.sqlite3.operations import DatabaseOperations

    from audit.append_only import DELETE_TRIGGERS, SQLITE_TRIGGERS

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *args, **kwargs):
        statements = original(self, style, tables, *args, **kwargs)
        if "audit_accessevent" not in tables:
            return statements
        lift = [f"DROP TRIGGER IF EXISTS {name}" for name in DELETE_TRIGGERS]
        return [*lift, *statements, *(SQLITE_TRIGGERS[name] for name in DELETE_TRIGGERS)]

    DatabaseOperations.sql_flush = sql_flush


def pytest_configure(config):
    from django.conf import settings

    # Manifest storage needs collectstatic; tests and live_server serve through finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Personas sign in with force_login; tests/accounts/test_security.py turns MFA back on.
    settings.MFA_REQUIRED_ROLES = []

    _let_test_flushes_empty_the_access_log()

    from config.celery import app

    # Tasks enqueued by code under test run inline; tests/deadlines/test_worker.py starts a
    # real worker on the real broker to prove the queue path.
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


def _is_transactional(request) -> bool:
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return True
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.fixture(autouse=True)
def reference_data(request):
    """Transactional tests flush the tables, reference data included: put it back."""
    if _is_transactional(request):
        from accounts.reference import load_reference

        request.getfixturevalue("transactional_db")
        load_reference(django_apps)
        for loader in REFERENCE_LOADERS:
            loader(django_apps)


# --- Personas ---------------------------------------------------------------------------


@pytest.fixture
def custody_sergeant(db):
    return UserFactory(username="sergeant.sam", rank="sergeant", roles=["custody_officer"])


@pytest.fixture
def custody_inspector(db):
    return UserFactory(username="inspector.priya", rank="inspector", roles=["custody_inspector"])


@pytest.fixture
def investigator(db):
    return UserFactory(username="investigator.tom", roles=["investigator"], teams=["investigation"])


@pytest.fixture
def bail_officer(db):
    return UserFactory(
        username="bail.grace", rank="staff", roles=["bail_management"], teams=["bail-management"]
    )


@pytest.fixture
def iom_officer(db):
    return UserFactory(username="iom.hannah", roles=["iom_officer"], teams=["iom"])


@pytest.fixture
def ppu_officer(db):
    return UserFactory(username="ppu.leah", roles=["ppu_officer"], teams=["ppu"])


@pytest.fixture
def supervisor(db):
    return UserFactory(
        username="supervisor.rachel",
        rank="inspector",
        roles=["supervisor"],
        teams=["bail-management", "iom", "investigation"],
    )


@pytest.fixture
def analyst(db):
    return UserFactory(username="analyst.kim", rank="staff", roles=["analyst"])


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin.alex", rank="staff", roles=["admin"], is_staff=True)


@pytest.fixture
def no_access(db):
    """Signed in, but holds no role at all."""
    return UserFactory(username="nobody.nina")


@pytest.fixture
def norfolk_sergeant(db):
    from tests.factories import force

    return UserFactory(
        username="norfolk.jo", rank="sergeant", roles=["custody_officer"], force=force("norfolk")
    )


@pytest.fixture
def offender(db):
    return OffenderFactory(first_name="John", last_name="Smith")


# --- Finding tests that depend on order or on the clock (issue 20 item 8) -------------------
# `pytest --order=reverse` or `--order=shuffle:SEED` runs the tests in another order;
# `--at=2026-10-25T00:59:58+00:00` starts every test at that instant (the clock ticks on),
# e.g. a second before midnight or a clock change. Neither is used by `make test`.


def pytest_addoption(parser):
    parser.addoption("--order", default="", help="reverse, or shuffle:SEED")
    parser.addoption("--at", default="", help="ISO instant the run's clock starts at")


def pytest_collection_modifyitems(config, items):
    order = config.getoption("--order")
    if order == "reverse":
        items.reverse()
    elif order.startswith("shuffle:"):
        import random

        random.Random(order.split(":", 1)[1]).shuffle(items)


@pytest.fixture(autouse=True)
def _run_clock(request):
    at = request.config.getoption("--at")
    if not at:
        yield
        return
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime.fromisoformat(at), tick=True):
        yield
