from django.db import migrations


def load(apps, schema_editor):
    from partners.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("accounts", "0002_reference_data"),
        ("disposals", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
