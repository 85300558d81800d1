"""What /annual-reports/<year>/pdf/ sends: the designed PDF if editors uploaded one, else
the last generated one, with the headers that let browsers and caches revalidate it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .build import download_filename

# Short: the URL is stable while its content follows publication.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class ServedPDF:
    kind: str  # "designed" or "generated"
    open: Callable
    size: int
    etag: str
    last_modified: datetime | None
    filename: str


def designed_pdf(edition):
    document = edition.designed_pdf
    if document is None or not document.file:
        return None
    size = document.get_file_size()
    if size is None:
        return None
    tag = document.file_hash or f"{document.pk}-{size}-{document.file.name}"
    return ServedPDF(
        kind="designed",
        open=lambda: document.file.open("rb"),
        size=size,
        etag=f'"designed-{tag}"',
        last_modified=document.created_at,
        filename=download_filename(edition.year),
    )


def generated_pdf(edition):
    from reports.models import EditionPDF

    pdf = EditionPDF.objects.filter(edition_id=edition.pk).first()
    if pdf is None:
        return None
    return ServedPDF(
        kind="generated",
        open=lambda: pdf.file.open("rb"),
        size=pdf.size,
        etag=pdf.etag,
        last_modified=pdf.built_at,
        filename=download_filename(edition.year),
    )


def served_pdf(edition):
    """The PDF readers get for this edition, or None when there is none yet."""
    return designed_pdf(edition) or generated_pdf(edition)


def serve_pdf(request, edition):
    served = served_pdf(edition)
    if served is None:
        raise Http404("This edition has no PDF yet.")
    # A PDF is compressed already: GZipMiddleware (production) would save nothing, yet drop
    # Content-Length and weaken the ETag. It reads Accept-Encoding as the response leaves.
    request.META.pop("HTTP_ACCEPT_ENCODING", None)
    last_modified = served.last_modified.timestamp() if served.last_modified else None
    response = get_conditional_response(
        request, etag=served.etag, last_modified=last_modified and int(last_modified)
    )
    if response is None:
        response = FileResponse(
            served.open(),
            as_attachment=True,
            filename=served.filename,
            content_type="application/pdf",
        )
        response["Content-Length"] = str(served.size)
    response["ETag"] = served.etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    # A restricted edition (password, login) may still offer a designed PDF: never to shared caches.
    if edition.get_view_restrictions().exists():
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    else:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
