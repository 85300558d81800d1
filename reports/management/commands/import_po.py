from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.translation_po import POImportError, import_edition_po

from ._po_arguments import configured_locale, source_edition


class Command(BaseCommand):
    help = "Import a translated PO file of an edition (all or nothing); pages become drafts."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("locale", help="e.g. ja")
        parser.add_argument("path", help="e.g. 2020.ja.po")

    def handle(self, *args, year, locale, path, **options):
        edition, target = source_edition(year), configured_locale(locale)
        try:
            changed = import_edition_po(edition, target, Path(path).read_text(encoding="utf-8"))
        except (POImportError, OSError) as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(f"{changed} strings changed in {locale}.")
