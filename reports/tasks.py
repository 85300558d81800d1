"""Background tasks (django_tasks): immediate in development and tests, run by
`manage.py db_worker` in production."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from reports.assignments.digest import send_digests
from reports.assignments.reminders import send_reminders
from reports.models import AnnualReportPage
from reports.pdf.build import build_edition_pdf

logger = logging.getLogger(__name__)


@task()
def build_edition_pdf_task(edition_id: int, attempt: int = 1) -> dict:
    """Bring the edition's PDF up to date with its live pages. Runs after the publication
    commits; several runs for one publication cost one build, the rest see it is done.
    A build that fails (the media storage unreachable, say) is tried again later."""
    try:
        result = build_edition_pdf(edition_id)
    except Exception:
        retry_pdf_build(edition_id, attempt)
        raise  # this run is recorded as failed; the retry is a task of its own
    pdf = result.pdf
    return {
        "status": result.status,
        "size": pdf.size if pdf else None,
        "sha256": pdf.sha256 if pdf else None,
    }


def retry_pdf_build(edition_id, attempt):
    """Enqueue the next attempt PDF_BUILD_RETRY_SECONDS from now, up to PDF_BUILD_ATTEMPTS."""
    if attempt >= settings.PDF_BUILD_ATTEMPTS or not default_task_backend.supports_defer:
        logger.error(
            "The PDF build of edition %s failed %s times; not retried", edition_id, attempt
        )
        return
    delay = settings.PDF_BUILD_RETRY_SECONDS
    logger.warning(
        "The PDF build of edition %s failed (attempt %s); retried in %s s",
        edition_id,
        attempt,
        delay,
    )
    build_edition_pdf_task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        edition_id, attempt + 1
    )


def enqueue_pdf_catch_up():
    """A build for every published edition, whose PDF may lag its pages after a worker was
    killed mid-build or stopped while pages were published; an up-to-date one costs a check."""
    editions = AnnualReportPage.objects.live().public().values_list("pk", flat=True)
    for edition_id in editions:
        build_edition_pdf_task.enqueue(edition_id)
    return len(editions)


@task()
def send_production_emails_task() -> dict:
    """Today's reminders and digests, if not sent yet: safe to enqueue as often as wanted."""
    return {"reminders": send_reminders(), "digests": send_digests()}
