from django.core.management.base import BaseCommand

from reports.translation_po import edition_po

from ._po_arguments import configured_locale, source_edition


class Command(BaseCommand):
    help = "Write the POT of an edition (every string of its English pages) for translators."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", help="e.g. 2020.pot")
        parser.add_argument("--locale", help="a PO file of this language instead, e.g. ja")

    def handle(self, *args, year, path, locale, **options):
        edition = source_edition(year)
        po = edition_po(edition, configured_locale(locale) if locale else None)
        po.save(path)
        self.stdout.write(f"{len(po)} strings of the {year} edition written to {path}.")
