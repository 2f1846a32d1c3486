"""Fill the search keys of existing people, and on PostgreSQL add pg_trgm with GIN indexes.

The trigram indexes are PostgreSQL-only (SQLite has no pg_trgm): the SQL runs only when the
connection is PostgreSQL, so the same migration applies cleanly on both databases.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def backfill(apps, schema_editor):
    from offenders.names import name_keys, normalise

    Offender = apps.get_model("offenders", "Offender")
    Alias = apps.get_model("offenders", "Alias")

    def keys_of(model, first, last):
        # Only the key columns this migration's model state has: later migrations add more
        # keys (0006 the skeletons) and fill them themselves.
        columns = {f.name for f in model._meta.get_fields()}
        return {k: v for k, v in name_keys(first, last).items() if k in columns}

    for person in Offender.objects.filter(first_norm="", last_norm="").iterator():
        keys = keys_of(Offender, person.first_name, person.last_name)
        for field, value in keys.items():
            setattr(person, field, value)
        words = f"{person.first_name} {person.middle_names} {person.last_name}".split()
        person.search_text = " ".join(normalise(w) for w in words if normalise(w))[:1000]
        person.save(update_fields=[*keys, "search_text"])
    for alias in Alias.objects.filter(last_norm="").iterator():
        keys = keys_of(Alias, alias.first_name, alias.last_name)
        for field, value in keys.items():
            setattr(alias, field, value)
        alias.save(update_fields=list(keys))


TRIGRAM_INDEXES = [
    ("offender_search_trgm_idx", "offenders_offender", "search_text"),
    ("alias_last_trgm_idx", "offenders_alias", "last_norm"),
]


# Prefix search (LIKE 'smi%') can use a b-tree only with the pattern operator class when
# the database collation is not "C".
PREFIX_INDEXES = [
    ("offender_last_prefix_idx", "offenders_offender", "force_id, last_norm varchar_pattern_ops"),
    ("offender_first_prefix_idx", "offenders_offender", "force_id, first_norm varchar_pattern_ops"),
    ("alias_last_prefix_idx", "offenders_alias", "last_norm varchar_pattern_ops"),
    ("alias_first_prefix_idx", "offenders_alias", "first_norm varchar_pattern_ops"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )
    for name, table, columns in PREFIX_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES + PREFIX_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("offenders", "0004_record_search_keys_aliases_addresses_markers")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
