from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.sources.json_schema import SCHEMA_PATH, json_schema_text


class Command(BaseCommand):
    help = "Write the JSON Schema of the edition source format, or check the committed one."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(SCHEMA_PATH), help="default: %(default)s"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the file is not what would be written (make lint).",
        )

    def handle(self, *args, path, check, **options):
        path, text = Path(path), json_schema_text()
        if check:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                raise CommandError(
                    f"{path} is not the schema of the edition format: "
                    "run `python manage.py edition_schema` and commit it."
                )
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"JSON Schema of the edition format written to {path}.")
