"""The PDF of each edition: its content, its accessibility, how it follows publication, how it
is served and stored (local files and a real S3-compatible server), and `build_pdf`."""

import uuid
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import boto3
import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from moto.server import ThreadedMotoServer
from wagtail.documents.models import Document
from wagtail.images.models import Rendition
from wagtail.models import Page

from reports.models import AnnualReportPage, EditionPDF
from reports.pdf.build import build_edition_pdf
from tests.reports.factories import GeneralSectionPageFactory, paragraph
from tests.reports.pdf_helpers import (
    alt_texts,
    body_text,
    bucket_keys,
    fetch_pdf,
    first_sentence,
    link_annotations,
    make_edition,
    outline_titles,
    page_lines,
    page_texts,
    pdffonts,
    read_pdf,
    section_of,
    served_bytes,
    text_of,
    toc_entries,
)
from tests.text import find_in_order, seed_paragraphs, words

# Every test here asks for the test database, so that it is set up even when only the 2020
# tests run (their session fixture alone would not make pytest-django create it).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def pdf_2020(django_db_setup, django_db_blocker):
    """The 2020 PDF, built once per session (loading the edition has already built it)."""
    with django_db_blocker.unblock():
        edition = AnnualReportPage.objects.get(year=2020)
        pdf = build_edition_pdf(edition.pk).pdf
        with pdf.file.open("rb") as handle:
            content = handle.read()
        sections = edition.get_sections()
    entries = toc_entries(content)
    return SimpleNamespace(
        content=content,
        title=edition.title,
        sections=[(section.title, section.level) for section in sections],
        anchors=[section.anchor for section in sections],
        toc=entries,
        reader=read_pdf(content),
        # The report proper: from the page of the first section on, past cover and contents.
        report_text=body_text(content, first_page=entries[0][1]),
    )


@pytest.fixture
def edition(db, django_capture_on_commit_callbacks):
    """A small edition with every kind of block, published: its PDF is built on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition()
    yield edition
    folder = f"annual-reports/pdf/{edition.year}"
    if default_storage.exists(folder):  # this test's files: its rows are rolled back
        for name in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{name}")


# The 2020 edition, as read in its PDF


def test_every_section_title_is_in_the_report_in_order(pdf_2020):
    titles = [title for title, _level in pdf_2020.sections]
    assert len(titles) == 31
    assert find_in_order(titles, pdf_2020.report_text) == []


def test_the_first_sentence_of_every_seed_paragraph_is_there_in_order(pdf_2020):
    title, *paragraphs = seed_paragraphs()
    assert len(paragraphs) > 250
    assert words(title) == words(pdf_2020.title)
    assert " ".join(words(title)) in " ".join(words(page_texts(pdf_2020.content)[0]))
    sentences = [first_sentence(paragraph) for paragraph in paragraphs]
    assert find_in_order(sentences, pdf_2020.report_text) == []


def test_every_seed_paragraph_is_there_whole_in_order(pdf_2020):
    # Running headers and page numbers sit outside the text: paragraphs run across pages.
    assert find_in_order(seed_paragraphs()[1:], pdf_2020.report_text) == []


def test_the_contents_list_every_section_with_the_page_it_starts_on(pdf_2020):
    assert [title for title, _page in pdf_2020.toc] == [title for title, _ in pdf_2020.sections]
    numbers = [page for _title, page in pdf_2020.toc]
    assert numbers == sorted(numbers) and numbers[0] == 3
    checked = {0, 3, 4, len(numbers) // 2, len(numbers) - 1}  # first, a chapter, its child…
    checked |= {i for i, (_title, level) in enumerate(pdf_2020.sections) if level == 3}
    for index in sorted(checked):
        title, number = pdf_2020.toc[index]
        assert title in page_lines(pdf_2020.content, number), (title, number)
        if index and pdf_2020.toc[index - 1][1] < number:  # it starts there, not before
            assert title not in page_lines(pdf_2020.content, number - 1), (title, number)


def test_every_contents_entry_links_to_the_page_it_names(pdf_2020):
    targets = {}  # an entry's text, dots and number are links to the same anchor
    for index in range(1, pdf_2020.toc[0][1] - 1):  # the contents pages, from page 2
        for kind, page, anchor in link_annotations(pdf_2020.reader, index):
            if kind == "page":
                targets.setdefault(anchor, page)
    assert list(targets.values()) == [page for _title, page in pdf_2020.toc]
    assert list(targets) == pdf_2020.anchors


def test_a_section_page_has_a_running_header_and_its_number(pdf_2020):
    title, number = next(entry for entry in pdf_2020.toc if entry[0] == "Zuul")
    page = page_texts(pdf_2020.content)[number - 1]
    lines = [line.strip() for line in page.splitlines()]
    assert f"{pdf_2020.title} {title}" in lines  # the running header: report, section
    assert title in lines  # the section's title
    assert str(number) in lines  # the page number
    assert "Contents" not in page_texts(pdf_2020.content)[0]  # the cover has no header


def test_links_are_clickable(pdf_2020):
    uris = {
        target
        for index in range(len(pdf_2020.reader.pages))
        for kind, target, _anchor in link_annotations(pdf_2020.reader, index)
        if kind == "uri"
    }
    assert "https://vexxhost.com/solutions/managed-zuul/" in uris  # a footnote's link
    assert "https://opendev.org/zuul" in uris  # a link list


def test_the_pdf_is_tagged_described_and_bookmarked(pdf_2020):
    reader = pdf_2020.reader
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == pdf_2020.title
    assert reader.metadata.author == "Open Infrastructure Foundation"
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and pdf_2020.title in xmp
    assert outline_titles(reader) == [(1, "Contents")] + [
        (level, title) for title, level in pdf_2020.sections
    ]


def test_the_fonts_are_embedded(pdf_2020):
    fonts = pdffonts(pdf_2020.content)
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert any("Liberation-Serif" in line for line in fonts)


# Every kind of block, on a small edition


def test_every_block_prints(edition, client):
    _response, content = fetch_pdf(client, edition)
    text = body_text(content)
    for expected in [
        "A letter",
        "With all success,",
        "Every block: a paragraph that cites a source [0].",
        "Highlights",
        "First item",
        "Premium cars need premium tools.",
        "The keynotes",
        "3,016",
        "commits",
        "Key dates",
        "May 2020",
        "Code https://opendev.org/",
        "https://www.youtube.com/watch?v=abc123",
        "The source",
        "10,000",
        "attendees",
        "Online",
        "A subsection",
    ]:
        assert " ".join(words(expected)) in " ".join(words(text)), expected
    reader = read_pdf(content)
    # The image block's picture, embedded once (its pages share one resource dictionary).
    assert len({image.name for page in reader.pages for image in page.images}) == 1
    structure = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    assert "A keynote stage" in alt_texts(structure)


# Publication


def test_publishing_a_change_builds_a_new_pdf_with_it(
    edition, client, django_capture_on_commit_callbacks
):
    first, first_content = fetch_pdf(client, edition)
    old_file = EditionPDF.objects.get(edition=edition).file.name
    section = section_of(edition, "Highlights")
    section.body = paragraph("A sentence published after the first build.")
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()

    second, second_content = fetch_pdf(client, edition)
    assert second["ETag"] != first["ETag"]
    assert "a sentence published after the first build" in text_of(second_content)
    assert "a sentence published after the first build" not in text_of(first_content)
    assert not default_storage.exists(old_file)  # replaced, then removed


def test_a_draft_change_never_appears(edition, client, django_capture_on_commit_callbacks):
    etag = client.get(edition.pdf_url)["ETag"]
    section = section_of(edition, "Highlights")
    section.body = paragraph("A draft sentence nobody published.")
    edition.title = "A draft title"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        section.save_revision()
        edition.save_revision()
        GeneralSectionPageFactory(
            parent=edition, title="A draft section", live=False, publish=False
        )
    assert callbacks == []  # saving drafts schedules no build
    assert client.get(edition.pdf_url)["ETag"] == etag

    build_edition_pdf(edition.pk, force=True)  # even a build on demand shows the live pages
    text = text_of(served_bytes(client.get(edition.pdf_url)))
    assert "draft" not in text
    assert " ".join(words(AnnualReportPage.objects.get(pk=edition.pk).title)) in text


def test_one_transaction_publishing_many_pages_builds_once(
    edition, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for page in Page.objects.descendant_of(edition).specific():
            page.title = f"{page.title} (revised)"
            page.save_revision().publish()
    builds = [c for c in callbacks if getattr(c, "pdf_edition_id", None) == edition.pk]
    assert len(builds) == 1
    assert "a letter revised" in text_of(served_bytes(client.get(edition.pdf_url)))


def test_an_unpublished_section_leaves_the_pdf(edition, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        section_of(edition, "A subsection").unpublish()
    _response, content = fetch_pdf(client, edition)
    assert "the subsection text" not in text_of(content)
    assert "a general section" in text_of(content)


def test_in_production_a_worker_builds_what_publication_queued(
    edition, client, django_capture_on_commit_callbacks
):
    etag = client.get(edition.pdf_url)["ETag"]
    section = section_of(edition, "Highlights")
    section.body = paragraph("Built by the worker.")
    production = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=production):
        with django_capture_on_commit_callbacks(execute=True):
            section.save_revision().publish()
        queued = DBTaskResult.objects.get(task_path="reports.tasks.build_edition_pdf_task")
        assert queued.args_kwargs == {"args": [edition.pk], "kwargs": {}}
        assert client.get(edition.pdf_url)["ETag"] == etag  # served until the worker runs

        # What `db_worker` does for each queued task. Its loop itself is not run here: between
        # tasks it closes the database connection, and with it the test's transaction.
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=1,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        queued.claim(worker.worker_id)
        worker.run_task(queued)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.exception_class_path
    assert "built by the worker" in text_of(served_bytes(client.get(edition.pdf_url)))


def test_a_failed_build_leaves_the_previous_pdf_served(
    edition, client, django_capture_on_commit_callbacks, caplog
):
    before, before_content = fetch_pdf(client, edition)
    for rendition in Rendition.objects.all():
        default_storage.delete(rendition.file.name)  # the picture is gone from storage
    section = section_of(edition, "Highlights")
    section.body = paragraph("A sentence that cannot be printed yet.")
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()

    after, after_content = fetch_pdf(client, edition)
    assert after["ETag"] == before["ETag"] and after_content == before_content
    assert "PDFRenderError" in caplog.text


def test_a_build_that_read_older_pages_never_replaces_a_newer_one(edition):
    served = EditionPDF.objects.get(edition=edition)
    EditionPDF.objects.filter(pk=served.pk).update(
        content_read_at=timezone.now() + timedelta(hours=1)
    )
    section = section_of(edition, "Highlights")
    section.body = paragraph("Read before the other build.")
    section.save_revision().publish()

    result = build_edition_pdf(edition.pk)
    assert result.status == "superseded"
    assert EditionPDF.objects.get(edition=edition).file.name == served.file.name


def test_an_identical_rebuild_keeps_the_file_and_its_etag(edition):
    served = EditionPDF.objects.get(edition=edition)
    result = build_edition_pdf(edition.pk, force=True)
    assert result.status == "unchanged"
    again = EditionPDF.objects.get(edition=edition)
    assert (again.file.name, again.sha256, again.built_at) == (
        served.file.name,
        served.sha256,
        served.built_at,
    )


def test_an_unpublished_edition_loses_its_pdf(edition, client, django_capture_on_commit_callbacks):
    stored = EditionPDF.objects.get(edition=edition).file.name
    with django_capture_on_commit_callbacks(execute=True):
        edition.unpublish()
    assert not EditionPDF.objects.filter(edition=edition).exists()
    assert not default_storage.exists(stored)
    assert client.get(edition.pdf_url).status_code == 404


# Serving


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


# Storage on S3 (moto's server, through django-storages)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **credentials)
    bucket = f"oif-pdf-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": s3_endpoint,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "location": "media",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
        yield SimpleNamespace(client=client, name=bucket)


def test_the_pdf_is_stored_in_and_served_from_s3(
    s3_bucket, db, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition()  # its image and renditions go to the bucket too
    pdf = EditionPDF.objects.get(edition=edition)
    assert bucket_keys(s3_bucket) == [f"media/{pdf.file.name}"]
    stored = s3_bucket.client.get_object(Bucket=s3_bucket.name, Key=f"media/{pdf.file.name}")
    stored = stored["Body"].read()

    response, content = fetch_pdf(client, edition)
    assert content == stored and int(response["Content-Length"]) == len(stored)
    assert {image.name for page in read_pdf(content).pages for image in page.images}  # from S3

    section = section_of(edition, "Highlights")
    section.body = paragraph("Published to the bucket.")
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    new = EditionPDF.objects.get(edition=edition)
    assert bucket_keys(s3_bucket) == [f"media/{new.file.name}"]  # the old object is gone
    assert "published to the bucket" in text_of(served_bytes(client.get(edition.pdf_url)))


# build_pdf


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
