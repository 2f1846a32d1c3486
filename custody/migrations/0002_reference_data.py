from django.db import migrations


def load(apps, schema_editor):
    from custody.reference import load_custody_reference

    load_custody_reference(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("custody", "0001_initial"),
        ("accounts", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
