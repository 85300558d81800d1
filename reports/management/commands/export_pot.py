from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from reports.models import AnnualReportPage
from reports.translation_po import edition_po


class Command(BaseCommand):
    help = "Write the POT of an edition (every string of its English pages) for translators."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", help="e.g. 2020.pot")
        parser.add_argument("--locale", help="a PO file of this language instead, e.g. ja")

    def handle(self, *args, year, path, locale, **options):
        edition = AnnualReportPage.objects.filter(year=year, locale=Locale.get_default()).first()
        if edition is None:
            raise CommandError(f"There is no {year} edition.")
        target = Locale.objects.filter(language_code=locale).first() if locale else None
        if locale and target is None:
            raise CommandError(f"{locale!r} is not a configured language.")
        po = edition_po(edition, target)
        po.save(path)
        self.stdout.write(f"{len(po)} strings of the {year} edition written to {path}.")
