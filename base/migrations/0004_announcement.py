# The banner becomes a translatable Announcement snippet chosen in the site settings
# (docs/translations.md); 0005 moves the settings' texts into one, 0006 drops them.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('base', '0003_heartbeats_of_long_running_processes'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='Announcement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('text', models.CharField(help_text='Shown in a banner above every page.', max_length=300)),
                ('link_label', models.CharField(blank=True, help_text='The link\'s words. Empty: "Find out more".', max_length=60)),
                ('url', models.URLField(blank=True, help_text='Where the link leads. Empty: no link.')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.AddField(
            model_name='sitesettings',
            name='announcement',
            field=models.ForeignKey(blank=True, help_text='Shown in a banner above every page, translated where it has a translation (Snippets › Announcements). Empty: none.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='base.announcement'),
        ),
    ]
