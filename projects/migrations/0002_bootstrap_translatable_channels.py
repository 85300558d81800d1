"""Project channels become translatable: each existing one takes its page's locale and a
translation key of its own (the constraints follow in 0003, in their own transaction)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def bootstrap_channels(apps, schema_editor):
    ProjectChannel = apps.get_model("projects", "ProjectChannel")
    Page = apps.get_model("wagtailcore", "Page")
    for channel in ProjectChannel.objects.all():
        channel.translation_key = uuid.uuid4()
        channel.locale_id = Page.objects.get(pk=channel.project_id).locale_id
        channel.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectchannel",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="projectchannel",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(bootstrap_channels, migrations.RunPython.noop),
    ]
