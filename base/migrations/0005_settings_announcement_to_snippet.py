# Each site's banner texts become an Announcement in the default language, chosen in its
# settings; backwards, the chosen announcement's texts go back into the settings.

import uuid

from django.conf import settings
from django.db import migrations


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    code = settings.LANGUAGE_CODE
    return Locale.objects.filter(language_code=code).first() or Locale.objects.create(
        language_code=code
    )


def settings_to_announcement(apps, schema_editor):
    SiteSettings = apps.get_model("base", "SiteSettings")
    Announcement = apps.get_model("base", "Announcement")
    for site_settings in SiteSettings.objects.filter(announcement__isnull=True).exclude(
        announcement_text=""
    ):
        site_settings.announcement = Announcement.objects.create(
            translation_key=uuid.uuid4(),
            locale=default_locale(apps),
            text=site_settings.announcement_text,
            link_label=site_settings.announcement_link_label,
            url=site_settings.announcement_url,
        )
        site_settings.save(update_fields=["announcement"])


def announcement_to_settings(apps, schema_editor):
    SiteSettings = apps.get_model("base", "SiteSettings")
    for site_settings in SiteSettings.objects.exclude(announcement=None).select_related(
        "announcement"
    ):
        announcement = site_settings.announcement
        site_settings.announcement_text = announcement.text
        site_settings.announcement_link_label = announcement.link_label
        site_settings.announcement_url = announcement.url
        site_settings.save()


class Migration(migrations.Migration):

    dependencies = [
        ('base', '0004_announcement'),
    ]

    operations = [
        migrations.RunPython(settings_to_announcement, announcement_to_settings),
    ]
