from django.db import migrations


def load(apps, schema_editor):
    from accounts.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
