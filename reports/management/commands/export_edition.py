from django.core.management.base import BaseCommand, CommandError

from reports.models import AnnualReportPage
from reports.sources.export import export_edition


class Command(BaseCommand):
    help = "Write an edition (latest revisions, drafts included) as a source file."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", help="e.g. content/editions/2020.yaml")

    def handle(self, *args, year, path, **options):
        if not AnnualReportPage.objects.filter(year=year).exists():
            raise CommandError(f"There is no {year} edition.")
        written = export_edition(year, path)
        self.stdout.write(f"Edition {year} written to {written}.")
