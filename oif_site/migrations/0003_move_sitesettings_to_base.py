# The site settings now belong to the base app (base 0001 took over the table).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('oif_site', '0002_sitesettings_social_image'),
        ('base', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SiteSettings')],
            database_operations=[],
        ),
    ]
