"""Turning the live pages of an edition into PDF bytes with WeasyPrint.

Only what is published goes in: the edition is read back from the database as it is live
(never an in-memory instance that may carry a draft) and its sections come from
`get_sections(live=True)`. Nothing is fetched from the network: images come from the
default storage by name and the stylesheet from the static files.
"""

import hashlib
import logging
import mimetypes
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, unquote, urljoin

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from reports.models import AnnualReportPage
from reports.models.editions import build_toc

from .languages import labels, language_css

logger = logging.getLogger(__name__)

# Tagged PDF with the PDF/UA-1 identification: structure tree, /Lang, DisplayDocTitle.
PDF_VARIANT = "pdf/ua-1"
AUTHOR = "Open Infrastructure Foundation"
STYLESHEET = "css/pdf.css"
MEDIA_SCHEME = "oif-media"
# Bump when the print templates or pdf.css change in a way that should rebuild every PDF at
# the next publication (`manage.py build_pdf YEAR` rebuilds one at once).
LAYOUT_VERSION = "1"

SECTION_TEMPLATES = {
    "letterpage": "reports/pdf/sections/letter.html",
    "projectupdatepage": "reports/pdf/sections/project_update.html",
    "workinggroupupdatepage": "reports/pdf/sections/working_group_update.html",
    "eventpage": "reports/pdf/sections/event.html",
}
DEFAULT_SECTION_TEMPLATE = "reports/pdf/sections/section.html"


class PDFRenderError(Exception):
    """The PDF could not be made (an image missing from storage, say)."""


@dataclass(frozen=True)
class ContentState:
    """What a PDF reflects: equal states make equal PDFs, so an equal one needs no build."""

    fingerprint: str
    published_at: datetime | None
    read_at: datetime


@dataclass(frozen=True)
class RenderedPDF:
    content: bytes
    page_count: int
    state: ContentState
    seconds: float


def media_src(name):
    """The src of a stored file in the print HTML: fetched from storage, never over HTTP."""
    return f"{MEDIA_SCHEME}:{quote(name)}"


class StorageURLFetcher(URLFetcher):
    """Serves `oif-media:` URLs from the default storage (local files or S3) and refuses
    everything else, so a build neither depends on nor leaks to the network."""

    def fetch(self, url, headers=None):
        if url.startswith(f"{MEDIA_SCHEME}:"):
            name = unquote(url.removeprefix(f"{MEDIA_SCHEME}:"))
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, default_storage.open(name, "rb"), {"Content-Type": content_type}
            )
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"the PDF fetches nothing from outside the site: {url}")


def live_edition(edition_id):
    """The edition as published, or None when it is not live and public."""
    return AnnualReportPage.objects.live().public().filter(pk=edition_id).first()


def content_state(edition):
    """Fingerprint of every live page of the edition: ids, places and published revisions."""
    read_at = timezone.now()
    rows = list(
        Page.objects.descendant_of(edition, inclusive=True)
        .live()
        .public()
        .order_by("path")
        .values_list("pk", "path", "live_revision_id", "last_published_at")
    )
    digest = hashlib.sha256(LAYOUT_VERSION.encode())
    for pk, path, revision_id, published_at in rows:
        digest.update(
            f"{pk}:{path}:{revision_id}:{published_at and published_at.isoformat()};".encode()
        )
    published = [row[3] for row in rows if row[3]]
    return ContentState(digest.hexdigest(), max(published, default=None), read_at)


def site_url(edition):
    """The edition's public address: relative links in the content resolve against it, so
    they stay clickable in the PDF."""
    return edition.get_full_url() or urljoin(settings.WAGTAILADMIN_BASE_URL, edition.url or "/")


def w3c_date(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def stylesheet():
    path = finders.find(STYLESHEET)
    if path:
        return weasyprint.CSS(filename=path)
    with staticfiles_storage.open(STYLESHEET) as handle:  # collected, without the sources
        return weasyprint.CSS(string=handle.read().decode())


def render_html(edition, state=None):
    """The print HTML of the live edition (the edition must come from `live_edition`)."""
    state = state or content_state(edition)
    sections = edition.get_sections(live=True)
    for section in sections:
        section.print_template = SECTION_TEMPLATES.get(
            section._meta.model_name, DEFAULT_SECTION_TEMPLATE
        )
        if hasattr(section, "figures"):  # an event's figures, as the key-figures block has them
            section.print_figures = [child.value for child in section.figures]
    return render_to_string(
        "reports/pdf/edition.html",
        {
            "edition": edition,
            "sections": sections,
            "toc": build_toc(sections, edition.depth),
            "author": AUTHOR,
            "web_url": site_url(edition),
            "created": w3c_date(edition.first_published_at),
            "modified": w3c_date(state.published_at),
            "cover_src": cover_src(edition),
            "language": edition.locale.language_code,
            "labels": labels(edition.locale.language_code),
            "translation": edition.translation_info(),
        },
    )


def cover_src(edition):
    if not edition.cover_image:
        return ""
    rendition = edition.cover_image.get_rendition("width-1600")
    return media_src(rendition.file.name)


def render_edition_pdf(edition, state=None):
    """Render a live edition (from `live_edition`) to PDF bytes."""
    started = time.perf_counter()
    state = state or content_state(edition)
    options = {"pdf_variant": PDF_VARIANT, "optimize_images": True}
    html = weasyprint.HTML(
        string=render_html(edition, state),
        base_url=site_url(edition),
        # A missing image fails the build: the previous, complete PDF stays served.
        url_fetcher=StorageURLFetcher(fail_on_errors=True),
    )
    try:
        language = weasyprint.CSS(string=language_css(edition.locale.language_code))
        document = html.render(stylesheets=[stylesheet(), language], **options)
    except FatalURLFetchingError as error:  # a BaseException: made an ordinary error here
        raise PDFRenderError(f"{error} ({error.__cause__})") from error.__cause__
    content = document.write_pdf(**options)
    return RenderedPDF(content, len(document.pages), state, time.perf_counter() - started)
