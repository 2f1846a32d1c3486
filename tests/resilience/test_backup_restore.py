"""Issue 20 item 7: the backup and restore in docs/operations.md, done for real: pg_dump of
the test database, pg_restore into a fresh one, and the restored service has the same rows
in every table, the same access log row for row, and the log still refuses changes."""

from __future__ import annotations

import os
import subprocess

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from bail import services as bail_services
from tests.factories import OffenderFactory, UserFactory
from tests.resilience.processes import database_url

pytestmark = [pytest.mark.resilience, pytest.mark.django_db(transaction=True)]

ACCESS_LOG = "SELECT md5(string_agg(e::text, '|' ORDER BY e.id)), count(*) FROM audit_accessevent e"


def _counts(conn) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_an_intact_access_log(
    tmp_path,
):
    # Some of everything: people, a bail case with its deadline, pages viewed (logged).
    officer = UserFactory(roles=["bail_management"], teams=["bail-management"], rank="staff")
    people = OffenderFactory.create_batch(5)
    bail_services.open_case(
        offender=people[0],
        arrested_on=timezone.localdate(),
        status="bail",
        by=officer,
        now=timezone.now(),
    )
    browser = Client()
    browser.force_login(officer)
    for someone in people:
        assert browser.get(f"/people/{someone.pk}/").status_code == 200

    source = database_url()
    name = connection.settings_dict["NAME"]
    restored_name = f"{name}_restored"
    restored = source.rsplit("/", 1)[0] + f"/{restored_name}"
    dump = tmp_path / "desist.dump"
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    # The commands docs/operations.md gives, against the test databases.
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source], check=True, env=env
    )
    with psycopg.connect(source.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
            check=True,
            env=env,
        )
        with psycopg.connect(source) as before, psycopg.connect(restored) as after:
            counts = _counts(before)
            assert _counts(after) == counts
            assert counts["audit_accessevent"] >= 5 and counts["deadlines_deadline"] >= 1
            assert after.execute(ACCESS_LOG).fetchone() == before.execute(ACCESS_LOG).fetchone()
            # The restored log is still append-only (its trigger came back with it).
            with pytest.raises(psycopg.errors.RaiseException):
                after.execute("UPDATE audit_accessevent SET purpose = 'tampered'")
            after.rollback()
            with pytest.raises(psycopg.errors.RaiseException):
                after.execute("DELETE FROM audit_accessevent")
        print(
            f"\nrestored {sum(counts.values())} rows in {len(counts)} tables, "
            f"{counts['audit_accessevent']} access-log rows identical; dump "
            f"{dump.stat().st_size // 1024} KiB"
        )
    finally:
        with psycopg.connect(source.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
