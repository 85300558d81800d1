"""Build an edition's PDF now, in this process, whatever the task queue is doing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.models import AnnualReportPage
from reports.pdf.build import build_edition_pdf
from reports.pdf.render import PDFRenderError


class Command(BaseCommand):
    help = (
        "Build the PDF of the edition of YEAR from its live pages and serve it at once. "
        "It is rebuilt even when no page changed (after a change to the print layout, say), "
        "unless --if-changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, metavar="YEAR")
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Do nothing for an edition whose PDF already shows its live pages.",
        )
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            help="The language of the edition (each translation has its own PDF), e.g. ja.",
        )

    def handle(self, *args, years, if_changed, locale, **options):
        in_language = AnnualReportPage.objects.filter(locale__language_code=locale)
        editions = {e.year: e for e in in_language.filter(year__in=years)}
        unknown = [str(year) for year in years if year not in editions]
        if unknown:
            known = ", ".join(
                str(y) for y in in_language.order_by("year").values_list("year", flat=True)
            )
            raise CommandError(f"No edition for {', '.join(unknown)}. Editions: {known or 'none'}.")
        for year in years:
            edition = editions[year]
            try:
                result = build_edition_pdf(edition.pk, force=not if_changed)
            except PDFRenderError as error:
                raise CommandError(
                    f"The {year} PDF could not be made; the previous one is still served: {error}"
                ) from error
            if result.status == "withdrawn":
                raise CommandError(
                    f"The {year} edition is not published (live and public): it has no PDF."
                )
            pdf = result.pdf
            if result.status == "built":
                verb = "Built"
            elif result.status == "superseded":
                verb = "A build that read the pages later finished first; serving"
            elif result.seconds:
                verb = "Rebuilt, the same bytes as served:"
            else:
                verb = "Up to date:"
            self.stdout.write(
                f"{verb} the {year} PDF: {pdf.page_count} pages, {pdf.size:,} bytes"
                + (f", in {result.seconds:.1f} s" if result.seconds else "")
                + f" → {edition.pdf_url}"
            )
