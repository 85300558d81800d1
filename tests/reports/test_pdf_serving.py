"""How the PDF is served: name, size, validators and caching, linked from the edition page,
never before it is built or once the edition is not live; a designed PDF instead."""

import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document

from reports.models import AnnualReportPage, EditionPDF
from tests.reports.pdf_helpers import (
    fetch_pdf,
    make_edition,
    served_bytes,
)

pytestmark = pytest.mark.django_db


def test_the_pdf_is_served_with_its_name_size_and_validators(edition, client):
    pdf = EditionPDF.objects.get(edition=edition)
    response, content = fetch_pdf(client, edition)
    assert edition.pdf_url == f"/annual-reports/{edition.year}/pdf/"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="openinfra-annual-report-{edition.year}.pdf"'
    )
    assert int(response["Content-Length"]) == len(content) == pdf.size
    assert content.startswith(b"%PDF-") and content == pdf.file.open("rb").read()
    assert response["ETag"] == f'"{pdf.sha256}"'
    assert response["Last-Modified"]
    # Browsers revalidate after 5 minutes; shared caches keep it until a new build purges it.
    assert response["Cache-Control"] == "public, max-age=300, s-maxage=3600"

    assert client.get(edition.pdf_url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    since = client.get(edition.pdf_url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_production_compression_leaves_the_pdf_as_it_is(edition, client, settings):
    whitenoise = settings.MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware")
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(whitenoise + 1, "django.middleware.gzip.GZipMiddleware")
    with override_settings(MIDDLEWARE=middleware):
        response = client.get(edition.pdf_url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert "gzip" in client.get(edition.url, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"]
    pdf = EditionPDF.objects.get(edition=edition)
    assert not response.has_header("Content-Encoding")
    assert response["Content-Length"] == str(pdf.size) and response["ETag"] == pdf.etag
    assert served_bytes(response) == pdf.file.open("rb").read()


def test_the_edition_page_offers_the_pdf_with_its_size(edition, client):
    html = client.get(edition.url).content.decode()
    link = html[html.index('class="pdf-download"') :]
    link = link[: link.index("</p>")]
    assert f'href="/annual-reports/{edition.year}/pdf/"' in link
    size_kb = EditionPDF.objects.get(edition=edition).size / 1024
    assert f'Download as PDF <span class="pdf-download__size">({size_kb:.1f}\xa0KB)' in link


def test_no_link_and_no_pdf_before_one_is_built(db, client):
    edition = make_edition()  # published, but the build waits for a commit that never comes
    assert "Download as PDF" not in client.get(edition.url).content.decode()
    assert client.get(edition.pdf_url).status_code == 404


def test_an_edition_that_is_not_live_has_no_pdf_url(edition, client):
    AnnualReportPage.objects.filter(pk=edition.pk).update(live=False)
    assert EditionPDF.objects.filter(edition=edition).exists()
    assert client.get(edition.pdf_url).status_code == 404


def test_a_designed_pdf_is_served_instead(edition, client, django_capture_on_commit_callbacks):
    designed = weasyprint.HTML(string="<h1>The designed report</h1>").write_pdf()
    document = Document.objects.create(
        title="Designed report", file=ContentFile(designed, name="designed.pdf")
    )
    edition.designed_pdf = document
    with django_capture_on_commit_callbacks(execute=True):
        edition.save_revision().publish()
    edition.refresh_from_db()

    response, content = fetch_pdf(client, edition)
    assert content == designed
    assert int(response["Content-Length"]) == len(designed)
    assert response["Content-Disposition"].endswith(
        f'filename="openinfra-annual-report-{edition.year}.pdf"'
    )
    assert response["ETag"].startswith('"designed-')
    assert client.get(edition.pdf_url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    html = client.get(edition.url).content.decode()
    assert f"({len(designed) / 1024:.1f}\xa0KB)" in html


def test_a_designed_pdf_must_be_a_pdf(edition):
    edition.designed_pdf = Document.objects.create(
        title="Notes", file=ContentFile(b"plain text", name="notes.txt")
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "designed_pdf" in error.value.message_dict
