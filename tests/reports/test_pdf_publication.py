"""The PDF follows publication: rebuilt when a page of the edition is published, never with a
draft, once per transaction, by the worker in production; a failed or stale build never
replaces the served file."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.images.models import Rendition
from wagtail.models import Page

from reports.models import AnnualReportPage, EditionPDF
from reports.pdf.build import build_edition_pdf
from tests.reports.factories import GeneralSectionPageFactory, paragraph
from tests.reports.pdf_helpers import (
    fetch_pdf,
    section_of,
    served_bytes,
    text_of,
)
from tests.text import words

pytestmark = pytest.mark.django_db


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
