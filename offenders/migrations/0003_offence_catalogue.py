"""Seed the offence catalogue (offenders/catalogue.py). Idempotent: update_or_create by code."""

from django.db import migrations


def seed(apps, schema_editor):
    from offenders.catalogue import seed_offence_types

    seed_offence_types(apps.get_model("offenders", "OffenceType"))


class Migration(migrations.Migration):
    dependencies = [("offenders", "0002_record_details")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
