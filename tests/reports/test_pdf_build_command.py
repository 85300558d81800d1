"""`manage.py build_pdf`: an edition's PDF on demand."""

from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from reports.models import AnnualReportPage, EditionPDF
from tests.reports.pdf_helpers import (
    make_edition,
)

pytestmark = pytest.mark.django_db


def test_build_pdf_builds_an_edition_on_demand(db, client):
    edition = make_edition()
    out = StringIO()
    call_command("build_pdf", str(edition.year), stdout=out)
    pdf = EditionPDF.objects.get(edition=edition)
    assert f"Built the {edition.year} PDF: {pdf.page_count} pages" in out.getvalue()
    assert f"/annual-reports/{edition.year}/pdf/" in out.getvalue()
    assert client.get(edition.pdf_url).status_code == 200

    out = StringIO()
    call_command("build_pdf", str(edition.year), "--if-changed", stdout=out)
    assert "Up to date" in out.getvalue()
    for name in default_storage.listdir(f"annual-reports/pdf/{edition.year}")[1]:
        default_storage.delete(f"annual-reports/pdf/{edition.year}/{name}")


def test_build_pdf_refuses_an_unknown_year(db):
    with pytest.raises(CommandError, match=r"No edition for 1999\. Editions: .*2020"):
        call_command("build_pdf", "1999")


def test_build_pdf_refuses_an_edition_that_is_not_published(db):
    edition = make_edition()
    AnnualReportPage.objects.filter(pk=edition.pk).update(live=False)
    with pytest.raises(CommandError, match="not published"):
        call_command("build_pdf", str(edition.year))
