"""The access log is append-only in the database itself: triggers refuse UPDATE and DELETE.

Two tables make up the log: ``audit_accessevent`` (one row per event) and
``audit_accesseventperson`` (the people a list, search or export returned). PostgreSQL's
triggers are in migrations 0002 and 0004; SQLite's (this module, installed by migrations
0003 and 0004) raise the same "append-only" error. Django's test flush empties SQLite tables
with DELETE (PostgreSQL uses TRUNCATE, which row triggers do not see), so tests/conftest.py
lifts the SQLite DELETE triggers for that flush only and puts them back straight after.

SQLite drops a table's triggers when Django remakes the table (``AddField``, ``AddConstraint``),
so a migration that alters either table must call ``install_sqlite_triggers`` again.
"""

from __future__ import annotations

TABLES = ("audit_accessevent", "audit_accesseventperson")


def _trigger(table: str, operation: str) -> str:
    return f"""
        CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()}
        BEFORE {operation} ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END
    """


SQLITE_TRIGGERS = {
    f"{table}_no_{operation.lower()}": _trigger(table, operation)
    for table in TABLES
    for operation in ("UPDATE", "DELETE")
}
DELETE_TRIGGERS = tuple(name for name in SQLITE_TRIGGERS if name.endswith("_no_delete"))

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION audit_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def install_sqlite_triggers(connection, names=tuple(SQLITE_TRIGGERS)) -> None:
    if connection.vendor != "sqlite":
        return
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for name in names:
            if any(name.startswith(t + "_no_") and t in existing for t in TABLES):
                cursor.execute(SQLITE_TRIGGERS[name])


def remove_sqlite_triggers(connection, names=tuple(SQLITE_TRIGGERS)) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
