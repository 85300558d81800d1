"""Rebuild an edition's PDF whenever what it shows changes: a page of the edition published,
unpublished, moved or deleted. The build is enqueued once the change has committed, once
per edition and transaction (loading a whole edition publishes a hundred pages)."""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from reports.models import AnnualReportPage
from reports.pdf.build import delete_stored_file
from reports.tasks import build_edition_pdf_task

logger = logging.getLogger(__name__)


def edition_ids_of(page):
    """The edition a page belongs to (itself, if it is one), from its tree path: this works
    for a page being deleted, too."""
    path = page.path or ""
    prefixes = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    return list(AnnualReportPage.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def enqueue_pdf_build(edition_id):
    build_edition_pdf_task.enqueue(edition_id)


def schedule_pdf_build(edition_id):
    """Enqueue a build after the current transaction commits, unless one is already due."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if getattr(callback, "pdf_edition_id", None) == edition_id and not callback.ran:
                return

    def build_after_commit():
        build_after_commit.ran = True
        enqueue_pdf_build(edition_id)

    build_after_commit.pdf_edition_id = edition_id
    build_after_commit.ran = False
    transaction.on_commit(build_after_commit, robust=True)


def schedule_for(page):
    for edition_id in edition_ids_of(page):
        schedule_pdf_build(edition_id)


@receiver(page_published)
def rebuild_on_publish(sender, instance, **kwargs):
    schedule_for(instance)


@receiver(page_unpublished)
def rebuild_on_unpublish(sender, instance, **kwargs):
    schedule_for(instance)


@receiver(post_page_move)
def rebuild_on_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    for parent in (parent_page_before, parent_page_after):
        schedule_for(parent)


@receiver(post_delete, sender=Page)
def rebuild_on_delete(sender, instance, **kwargs):
    schedule_for(instance)


@receiver(post_delete, sender="reports.EditionPDF")
def delete_pdf_file(sender, instance, **kwargs):
    if instance.file.name:
        transaction.on_commit(partial(delete_stored_file, instance.file.name))
