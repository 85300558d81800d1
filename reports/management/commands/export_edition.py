from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.models import AnnualReportPage
from reports.sources.export import ExportError, export_edition
from reports.sources.translations import export_translation


class Command(BaseCommand):
    help = (
        "Write an edition (latest revisions, drafts included) as a source file; with --locale, "
        "its translation in that language, as a translation file."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", help="e.g. content/editions/2020.yaml (2020.ja.yaml)")
        parser.add_argument("--locale", default=settings.LANGUAGE_CODE, help="e.g. ja")

    def handle(self, *args, year, path, locale, **options):
        editions = AnnualReportPage.objects.filter(year=year)
        if not editions.filter(locale__language_code=settings.LANGUAGE_CODE).exists():
            raise CommandError(f"There is no {year} edition.")
        if (
            locale != settings.LANGUAGE_CODE
            and not editions.filter(locale__language_code=locale).exists()
        ):
            raise CommandError(f"The {year} edition has no translation in {locale!r}.")
        try:
            if locale == settings.LANGUAGE_CODE:
                written = export_edition(year, path)
            else:
                written = export_translation(year, locale, path)
        except ExportError as error:
            raise CommandError(f"Nothing was written. Edition {year}, {error}") from error
        language = "" if locale == settings.LANGUAGE_CODE else f" ({locale})"
        self.stdout.write(f"Edition {year}{language} written to {written}.")
