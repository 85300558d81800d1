from django.core.management.base import BaseCommand, CommandError

from oif_site.site_setup import ensure_site_structure
from reports.sources.load import load_edition
from reports.sources.translations import is_translation_file, load_translation
from reports.sources.yaml_io import SourceError


class Command(BaseCommand):
    help = (
        "Load an edition source file (YAML) into pages, profiles and snippets, atomically; "
        "<year>.<locale>.yaml is a translation of the <year> edition, loaded after it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. content/editions/2020.yaml or 2020.ja.yaml")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="Leave an edition (or translation) that is already in the database untouched.",
        )

    def handle(self, *args, path, skip_existing, **options):
        ensure_site_structure()  # a fresh database gets its home page and indexes first
        load = load_translation if is_translation_file(path) else load_edition
        try:
            report = load(path, skip_existing=skip_existing)
        except SourceError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(str(report))
