from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc, or SQLite's online backup) and the media files "
        "(local or S3) into the backup storage (BACKUP_DIR): `make backup`."
    )

    def handle(self, *args, **options):
        if isinstance(default_storage, FileSystemStorage):  # a site with no upload yet
            Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        call_command("dbbackup", "--noinput", "--clean", verbosity=options["verbosity"])
        call_command(
            "mediabackup", "--noinput", "--clean", "--compress", verbosity=options["verbosity"]
        )
        self.stdout.write("Backed up the database and the media files (docs/backups.md).")
