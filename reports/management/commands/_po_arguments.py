"""What export_pot and import_po both look up, with the same errors."""

from django.core.management.base import CommandError
from wagtail.models import Locale

from reports.models import AnnualReportPage


def source_edition(year):
    """The English (source) edition of the year."""
    edition = AnnualReportPage.objects.filter(year=year, locale=Locale.get_default()).first()
    if edition is None:
        raise CommandError(f"There is no {year} edition.")
    return edition


def configured_locale(code):
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise CommandError(f"{code!r} is not a configured language.")
    return locale
