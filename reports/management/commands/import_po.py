from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from reports.models import AnnualReportPage
from reports.translation_po import POImportError, import_edition_po


class Command(BaseCommand):
    help = "Import a translated PO file of an edition (all or nothing); pages become drafts."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("locale", help="e.g. ja")
        parser.add_argument("path", help="e.g. 2020.ja.po")

    def handle(self, *args, year, locale, path, **options):
        edition = AnnualReportPage.objects.filter(year=year, locale=Locale.get_default()).first()
        target = Locale.objects.filter(language_code=locale).first()
        if edition is None or target is None:
            raise CommandError(f"There is no {year} edition, or {locale!r} is not configured.")
        try:
            changed = import_edition_po(edition, target, Path(path).read_text(encoding="utf-8"))
        except (POImportError, OSError) as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(f"{changed} strings changed in {locale}.")
