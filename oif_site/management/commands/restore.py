from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Put back the newest backup of the database and of the media files (`make restore`); "
        "the database is replaced whole. --input-db/--input-media pick older ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input-db", help="a database backup's file name in BACKUP_DIR")
        parser.add_argument("--input-media", help="a media backup's file name in BACKUP_DIR")

    def handle(self, *args, input_db, input_media, **options):
        verbosity = options["verbosity"]
        db_args = ["--input-filename", input_db] if input_db else []
        media_args = ["--input-filename", input_media] if input_media else []
        call_command("dbrestore", "--noinput", *db_args, verbosity=verbosity)
        call_command(
            "mediarestore",
            "--noinput",
            "--uncompress",
            "--replace",
            *media_args,
            verbosity=verbosity,
        )
        self.stdout.write("Restored the database and the media files.")
