"""People are translatable (unique per language); an edition's year is unique per language,
no longer across the whole table (checked in AnnualReportPage.clean: the locale is Page's);
each translated edition credits its translators."""

import uuid

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_bootstrap_translatable_people"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
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
            model_name="person",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="annualreportpage",
            name="year",
            field=models.PositiveSmallIntegerField(
                help_text="The year the edition reports on; it is also the edition's address.",
                validators=[
                    django.core.validators.MinValueValidator(2000),
                    django.core.validators.MaxValueValidator(2100),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="name",
            field=models.CharField(max_length=255),
        ),
        migrations.AlterUniqueTogether(
            name="person",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                fields=("name", "locale"), name="unique_person_per_locale"
            ),
        ),
        migrations.CreateModel(
            name="TranslationCredit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "translators",
                    models.TextField(blank=True, help_text="One name a line, as credited."),
                ),
                (
                    "source",
                    models.CharField(
                        blank=True,
                        help_text="What was translated, e.g. 2020.yaml.",
                        max_length=255,
                    ),
                ),
                ("translated_on", models.DateField(blank=True, null=True)),
                ("note", models.TextField(blank=True)),
                (
                    "edition",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translation_credit",
                        to="reports.annualreportpage",
                    ),
                ),
            ],
            options={"verbose_name": "translation credit"},
        ),
    ]
