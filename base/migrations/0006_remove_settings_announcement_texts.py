# The banner's texts now live in the Announcement the settings choose (0005 moved them).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('base', '0005_settings_announcement_to_snippet'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitesettings',
            name='announcement_link_label',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='announcement_text',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='announcement_url',
        ),
    ]
