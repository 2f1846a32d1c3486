"""On PostgreSQL the access log refuses UPDATE and DELETE (DPA 2018 s.62 logs must be reliable).

TRUNCATE is left to the database owner (test databases are emptied with it between
transactional tests); application roles should not be granted it. SQLite gets the same
refusal in 0003.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_accessevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_accessevent_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_accessevent
    FOR EACH ROW EXECUTE FUNCTION audit_accessevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_accessevent_no_update_delete ON audit_accessevent;
DROP FUNCTION IF EXISTS audit_accessevent_append_only();
"""


def _run(schema_editor, sql):
    # A plain cursor: the SQL has a literal % (plpgsql's RAISE format) and takes no params.
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, CREATE)


def backwards(apps, schema_editor):
    _run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
