"""Issue 20 item 3: PostgreSQL drops the service's connections (a restart or failover, done
here with pg_terminate_backend on the test database) between requests and in the middle of
one; and a runaway query meets the statement timeout.

The web tier is the real WSGI application (Django's request signals on, as under gunicorn),
driven by werkzeug's test client with a real session and CSRF token."""

from __future__ import annotations

import re
import time

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client
from werkzeug.test import Client as WsgiClient

from audit.models import AccessEvent
from tests.factories import UserFactory
from tests.offenders.factories import person
from tests.resilience.processes import database_url, django, environment

pytestmark = [pytest.mark.resilience, pytest.mark.django_db(transaction=True)]


def _terminate_others() -> int:
    """What a database restart does to the service: every other connection is dropped."""
    with psycopg.connect(database_url(), autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


@pytest.fixture
def web():
    """A signed-in browser on the real WSGI application."""
    user = UserFactory(roles=["custody_officer"], rank="sergeant")
    session = Client()
    session.force_login(user)
    browser = WsgiClient(WSGIHandler())
    browser.set_cookie("sessionid", session.cookies["sessionid"].value, domain="localhost")
    connection.close()  # the web tier gets its own connection, as a gunicorn worker would
    return browser


def _edit(browser, someone, last_name):
    form = browser.get(f"/people/{someone.pk}/edit/")
    assert form.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return browser.post(
        f"/people/{someone.pk}/edit/",
        data={
            "csrfmiddlewaretoken": token,
            "first_name": someone.first_name,
            "last_name": last_name,
            "date_of_birth": someone.date_of_birth.strftime("%d/%m/%Y"),
            "gender": someone.gender,
            "pnc_id": someone.pnc_id,
            "ethnicity": someone.ethnicity or "NS",
            "officer_ethnicity": "IC0",
            "version": str(someone.version),
        },
        headers={"Referer": "http://localhost/"},
    )


def test_connections_dropped_between_requests_are_replaced_without_an_error(web):
    someone = person("Amelia", "Hart")
    assert web.get(f"/people/{someone.pk}/").status_code == 200
    assert _terminate_others() >= 1  # the web tier's idle connection, among others
    started = time.monotonic()
    assert web.get(f"/people/{someone.pk}/").status_code == 200  # health-checked, replaced
    print(
        f"\nfirst request after the database dropped every connection: "
        f"{time.monotonic() - started:.2f} s, 200"
    )


def test_a_request_cut_off_mid_write_fails_cleanly_saves_nothing_and_the_next_one_works(web):
    someone = person("Amelia", "Hart")
    updates_before = AccessEvent.objects.filter(offender=someone, action="update").count()

    def cut_off(execute, sql, params, many, context):
        if sql.startswith('UPDATE "offenders_offender"'):
            _terminate_others()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(cut_off):
        answer = _edit(web, someone, "Harte")
    page = answer.text
    assert answer.status_code == 500
    assert "govuk-template" in page and "Sorry, there is a problem" in page  # GOV.UK 500 page
    assert "Traceback" not in page and "OperationalError" not in page

    someone.refresh_from_db()
    assert (someone.last_name, someone.version) == ("Hart", 1)  # nothing partly saved
    assert AccessEvent.objects.filter(offender=someone, action="update").count() == updates_before

    # No restart: the same web process reads and writes on its next requests.
    assert web.get(f"/people/{someone.pk}/").status_code == 200
    assert _edit(web, someone, "Harte").status_code == 302
    someone.refresh_from_db()
    assert (someone.last_name, someone.version) == ("Harte", 2)


def test_a_runaway_query_is_cancelled_by_the_statement_timeout(tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] != "0"  # set on every connection (settings OPTIONS)
    env = environment("memory://", tmp_path, DATABASE_STATEMENT_TIMEOUT_MS="300")
    started = time.monotonic()
    runaway = django(
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SELECT pg_sleep(30)')",
        env,
    )
    seconds = time.monotonic() - started
    assert runaway.returncode != 0
    assert "canceling statement due to statement timeout" in runaway.stderr
    print(
        f"\na 30 s query under DATABASE_STATEMENT_TIMEOUT_MS=300: cancelled, {seconds:.1f} s "
        "including process start"
    )
