"""Project channels are translatable: one per translation key and language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_bootstrap_translatable_channels"),
    ]

    operations = [
        migrations.AlterField(
            model_name="projectchannel",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="projectchannel",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="projectchannel",
            unique_together={("translation_key", "locale")},
        ),
    ]
