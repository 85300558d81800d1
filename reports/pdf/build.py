"""Building an edition's PDF and switching the served file to it, atomically.

A build renders from the live pages, stores the bytes under a new name, then moves the
`EditionPDF` pointer in one transaction and deletes the old file once that has committed.
Until then the previous PDF is the one served; a build that fails leaves it in place.
"""

import hashlib
import logging
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from reports.metrics import PDF_BUILD_FAILURES, PDF_BUILD_SECONDS
from reports.models import EditionPDF

from .render import content_state, live_edition, render_edition_pdf

logger = logging.getLogger(__name__)


def storage_name(year, sha256):
    """A new name per content: the served file is never overwritten while it is read."""
    return f"annual-reports/pdf/{year}/openinfra-annual-report-{year}-{sha256[:16]}.pdf"


@dataclass(frozen=True)
class BuildResult:
    # built: a new file is served; unchanged: the served one already shows these pages;
    # withdrawn: the edition is not public, so it has no PDF; superseded: a build that
    # read the pages later finished first and is kept.
    status: str
    pdf: object = None
    seconds: float = 0.0


def store_pdf(year, sha256, content):
    """Save the bytes under their content's name; a file already there by that name holds
    these very bytes (the name carries 64 bits of their hash), so it is reused as it is."""
    name = storage_name(year, sha256)
    if default_storage.exists(name) and default_storage.size(name) == len(content):
        return name
    return default_storage.save(name, ContentFile(content))


def delete_stored_file(name):
    """Remove a file that no row points at any more; a failure only leaves a stray file."""
    try:
        default_storage.delete(name)
    except Exception:
        logger.exception("Could not delete the old PDF %s", name)


def build_edition_pdf(edition_id, *, force=False):
    """Make the edition's served PDF match its live pages; `force` rebuilds even when the
    pages have not changed (after a change to the print layout, say)."""
    edition = live_edition(edition_id)
    if edition is None:
        withdraw_edition_pdf(edition_id)
        return BuildResult("withdrawn")

    state = content_state(edition)
    current = EditionPDF.objects.filter(edition_id=edition_id).first()
    if (
        not force
        and current is not None
        and current.fingerprint == state.fingerprint
        and default_storage.exists(current.file.name)
    ):
        return BuildResult("unchanged", current)

    try:
        rendered = render_edition_pdf(edition, state)
    except Exception:
        PDF_BUILD_FAILURES.inc()
        raise
    PDF_BUILD_SECONDS.observe(rendered.seconds)
    sha256 = hashlib.sha256(rendered.content).hexdigest()
    new_name = store_pdf(edition.year, sha256, rendered.content)
    fields = {
        "page_count": rendered.page_count,
        "fingerprint": state.fingerprint,
        "content_published_at": state.published_at,
        "content_read_at": state.read_at,
        "build_seconds": round(rendered.seconds, 3),
    }

    with transaction.atomic():
        current = EditionPDF.objects.select_for_update().filter(edition_id=edition_id).first()
        if current is not None and current.content_read_at > state.read_at:
            if new_name != current.file.name:
                transaction.on_commit(partial(delete_stored_file, new_name))
            return BuildResult("superseded", current, rendered.seconds)
        if current is not None and new_name == current.file.name:
            # The very same bytes: the file, its ETag and Last-Modified stay as they are.
            EditionPDF.objects.filter(pk=current.pk).update(**fields)
            current.refresh_from_db()
            return BuildResult("unchanged", current, rendered.seconds)
        old_name = current.file.name if current is not None else None
        pdf = current or EditionPDF(edition_id=edition_id)
        pdf.file.name = new_name
        pdf.size = len(rendered.content)
        pdf.sha256 = sha256
        pdf.built_at = timezone.now()
        for field, value in fields.items():
            setattr(pdf, field, value)
        pdf.save()
        if old_name:
            transaction.on_commit(partial(delete_stored_file, old_name))
    logger.info(
        "Built the %s PDF: %s pages, %s bytes in %.1f s",
        edition.year,
        pdf.page_count,
        pdf.size,
        rendered.seconds,
    )
    return BuildResult("built", pdf, rendered.seconds)


def withdraw_edition_pdf(edition_id):
    """An edition that is no longer public loses its generated PDF (row and file)."""
    with transaction.atomic():
        for pdf in EditionPDF.objects.select_for_update().filter(edition_id=edition_id):
            pdf.delete()  # the post_delete handler removes the file after the commit
