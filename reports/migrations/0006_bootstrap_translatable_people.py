"""People become translatable: existing rows get the default locale and a translation key each
(the constraints follow in 0007, in a transaction of their own for PostgreSQL)."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def bootstrap_people(apps, schema_editor):
    Person = apps.get_model("reports", "Person")
    Locale = apps.get_model("wagtailcore", "Locale")

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for person in Person.objects.all():
        person.translation_key = uuid.uuid4()
        person.locale = locale
        person.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_section_origins"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
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
            model_name="person",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(bootstrap_people, migrations.RunPython.noop),
    ]
