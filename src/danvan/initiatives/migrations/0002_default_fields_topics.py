from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.initiatives.defaults import ensure_defaults

    ensure_defaults(apps.get_model("initiatives", "Field"), apps.get_model("initiatives", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
