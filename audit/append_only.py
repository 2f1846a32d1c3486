"""The access log is append-only in the database itself: triggers refuse UPDATE and DELETE.

PostgreSQL's trigger is in migration 0002; SQLite's (this module, installed by migration
0003) raises the same "append-only" error. Django's test flush empties SQLite tables with
DELETE (PostgreSQL uses TRUNCATE, which row triggers do not see), so tests/conftest.py lifts
the SQLite DELETE trigger for that flush only and puts it back straight after.
"""

from __future__ import annotations

SQLITE_TRIGGERS = {
    "audit_accessevent_no_update": """
        CREATE TRIGGER IF NOT EXISTS audit_accessevent_no_update
        BEFORE UPDATE ON audit_accessevent
        BEGIN SELECT RAISE(ABORT, 'audit_accessevent is append-only: UPDATE refused'); END
    """,
    "audit_accessevent_no_delete": """
        CREATE TRIGGER IF NOT EXISTS audit_accessevent_no_delete
        BEFORE DELETE ON audit_accessevent
        BEGIN SELECT RAISE(ABORT, 'audit_accessevent is append-only: DELETE refused'); END
    """,
}


def install_sqlite_triggers(connection, names=tuple(SQLITE_TRIGGERS)) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(SQLITE_TRIGGERS[name])


def remove_sqlite_triggers(connection, names=tuple(SQLITE_TRIGGERS)) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
