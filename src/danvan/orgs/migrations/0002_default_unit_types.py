from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.orgs.unit_types import ensure_default_unit_types

    ensure_default_unit_types(apps.get_model("orgs", "UnitType"))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
