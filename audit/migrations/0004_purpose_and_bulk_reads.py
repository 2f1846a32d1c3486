"""Every event has a purpose (DPA 2018 s.62(2)), and a bulk read (a list, search or export)
is one event linked to every person it returned.

Events written before this migration cannot be changed (the log is append-only), so they
read "Not recorded (before purposes were logged)". The link table is append-only like the
events: PostgreSQL gets the same trigger as 0002, SQLite the triggers of audit.append_only
(reinstalled here because SQLite drops a table's triggers when Django remakes it).
"""

import django.db.models.deletion
from django.db import migrations, models

from audit.append_only import POSTGRES_CREATE, install_sqlite_triggers

POSTGRES_LINKS = """
CREATE TRIGGER audit_accesseventperson_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_accesseventperson
    FOR EACH ROW EXECUTE FUNCTION audit_accessevent_append_only();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_accesseventperson_no_update_delete ON audit_accesseventperson;
"""


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(POSTGRES_CREATE)
            cursor.execute(POSTGRES_LINKS)
    install_sqlite_triggers(connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_sqlite"),
        ("offenders", "0007_restricted_people"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Viewed a record (consultation)"),
                    ("search", "Searched"),
                    ("list", "Listed people (consultation)"),
                    ("export", "Exported or downloaded (disclosure)"),
                    ("create", "Created (collection)"),
                    ("update", "Changed (alteration)"),
                    ("delete", "Deleted (erasure)"),
                    ("merge", "Merged records (combination)"),
                    ("login", "Signed in"),
                    ("logout", "Signed out"),
                    ("login_failed", "Failed sign-in"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="purpose",
            field=models.CharField(
                default="Not recorded (before purposes were logged)",
                help_text="Why (DPA 2018 s.62(2)): the case, task or page it was done for, or "
                "the reason the user typed. Never empty.",
                max_length=300,
            ),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="accessevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("purpose", ""), _negated=True),
                name="access_event_has_purpose",
            ),
        ),
        migrations.CreateModel(
            name="AccessEventPerson",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="links",
                        to="audit.accessevent",
                    ),
                ),
                (
                    "offender",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="offenders.offender",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("offender", "event"), name="one_link_per_person"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="accessevent",
            name="people",
            field=models.ManyToManyField(
                blank=True,
                help_text="Everyone a list, search or export returned (one event, many people).",
                related_name="bulk_access_events",
                through="audit.AccessEventPerson",
                to="offenders.offender",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
