from django.core.management.base import BaseCommand, CommandError

from reports.models import AnnualReportPage
from reports.sources.export import ExportError, export_edition


class Command(BaseCommand):
    help = "Write an edition (latest revisions, drafts included) as a source file."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", help="e.g. content/editions/2020.yaml")

    def handle(self, *args, year, path, **options):
        if not AnnualReportPage.objects.filter(year=year).exists():
            raise CommandError(f"There is no {year} edition.")
        try:
            written = export_edition(year, path)
        except ExportError as error:
            raise CommandError(f"Nothing was written. Edition {year}, {error}") from error
        self.stdout.write(f"Edition {year} written to {written}.")
