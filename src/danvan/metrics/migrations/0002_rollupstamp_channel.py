"""Stamps per channel (decision 0008, second part): a stamp per (unit path, channel) instead of
one per unit path. Stamps and stored figures are throw-away (they are computed again from the
rows), so the table is made anew and the figures stored under the old stamps are forgotten."""

from django.db import migrations, models


def forget_figures(apps, schema_editor):
    apps.get_model("metrics", "Rollup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("metrics", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="RollupStamp"),
        migrations.CreateModel(
            name="RollupStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("path", models.CharField(max_length=255, verbose_name="unit path")),
                ("channel", models.CharField(max_length=100, verbose_name="channel")),
                ("stamp", models.BigIntegerField(verbose_name="stamp")),
            ],
            options={
                "verbose_name": "rollup stamp",
                "verbose_name_plural": "rollup stamps",
                "constraints": [
                    models.UniqueConstraint(fields=("path", "channel"), name="metrics_rollupstamp_path_channel")
                ],
            },
        ),
        migrations.RunPython(forget_figures, migrations.RunPython.noop),
    ]
