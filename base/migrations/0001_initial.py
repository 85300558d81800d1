# The site settings moved here from oif_site: the table stays, only Django's state moves.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('oif_site', '0002_sitesettings_social_image'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SiteSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('announcement_text', models.CharField(blank=True, help_text='Shown in a banner above every page. Empty: none.', max_length=300)),
                        ('announcement_link_label', models.CharField(blank=True, max_length=60)),
                        ('announcement_url', models.URLField(blank=True)),
                        ('footer_text', models.TextField(blank=True)),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                        ('social_image', models.ForeignKey(blank=True, help_text="Shown when a page is shared (OpenGraph, Twitter) and has no image of its own; cropped to 1200×630. Empty: the site's built-in card.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                    ],
                    options={
                        'verbose_name': 'Site settings',
                        'db_table': 'oif_site_sitesettings',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
