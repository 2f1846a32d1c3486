"""On SQLite too, the access log refuses UPDATE and DELETE (DPA 2018 s.62 logs must be
reliable): the same refusal as PostgreSQL's trigger in 0002, as SQLite triggers."""

from django.db import migrations

from audit.append_only import install_sqlite_triggers, remove_sqlite_triggers


def forwards(apps, schema_editor):
    install_sqlite_triggers(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_sqlite_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [migrations.RunPython(forwards, backwards)]
