"""Each edition's PDF: the pointer to the last generated file, which file readers get, and the
pdf/ address of the edition page.

The generated PDF is a pointer to the last file that was built successfully.

The view serves whatever this row names, so a build writes its file under a new name first
and only then moves the pointer, in one transaction: readers never see a half-written file,
and while a new PDF is being made the previous one keeps being served.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import http_date
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class EditionPDF(models.Model):
    edition = models.OneToOneField(
        "reports.AnnualReportPage", on_delete=models.CASCADE, related_name="generated_pdf"
    )
    file = models.FileField(upload_to="annual-reports/pdf/", max_length=255)
    size = models.PositiveBigIntegerField(help_text="Bytes, for Content-Length and the link.")
    sha256 = models.CharField(max_length=64, help_text="Of the file's bytes: the ETag.")
    page_count = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(
        max_length=64,
        help_text="Of the live pages the PDF was made from: equal means nothing to rebuild.",
    )
    content_published_at = models.DateTimeField(
        null=True, help_text="The newest publication among the pages the PDF reflects."
    )
    content_read_at = models.DateTimeField(
        help_text="When the build read the pages: of two builds, the later reading wins."
    )
    built_at = models.DateTimeField(help_text="When the file was stored: Last-Modified.")
    build_seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = "edition PDF"

    def __str__(self):
        return f"PDF of {self.edition_id}: {self.file.name}"

    @property
    def etag(self):
        return f'"{self.sha256}"'


def download_filename(edition):
    """What the reader's computer calls the file; a translation's names its language
    (openinfra-annual-report-2020-ja.pdf), not to overwrite or pass for the English one."""
    language = edition.locale.language_code
    suffix = "" if language == settings.LANGUAGE_CODE else f"-{language}"
    return f"openinfra-annual-report-{edition.year}{suffix}.pdf"


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
        filename=download_filename(edition),
    )


def generated_pdf(edition):
    if type(edition).generated_pdf.is_cached(edition):  # fetched with the edition (routing)
        pdf = getattr(edition, "generated_pdf", None)
    else:
        pdf = EditionPDF.objects.filter(edition_id=edition.pk).first()
    if pdf is None:
        return None
    return ServedPDF(
        kind="generated",
        open=lambda: pdf.file.open("rb"),
        size=pdf.size,
        etag=pdf.etag,
        last_modified=pdf.built_at,
        filename=download_filename(edition),
    )


def served_pdf(edition):
    """The PDF readers get for this edition, or None when there is none yet."""
    return designed_pdf(edition) or generated_pdf(edition)


class EditionPDFMixin(RoutablePageMixin, models.Model):
    designed_pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="designed PDF",
        help_text=(
            "A PDF made by a designer, offered instead of the one generated from the pages."
            " Leave empty to offer the generated PDF, which follows every publication."
        ),
    )

    pdf_panels = [FieldPanel("designed_pdf")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        document = self.designed_pdf
        if document is not None and document.file_extension.lower() != "pdf":
            raise ValidationError({"designed_pdf": "The designed PDF must be a .pdf file."})

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The designed PDF if editors uploaded one, else the last generated one, with the
        headers that let browsers and caches revalidate it."""
        served = served_pdf(self)
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
        # A restricted edition (password, login) may still offer a designed PDF: never to
        # shared caches.
        if self.get_view_restrictions().exists():
            patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
        else:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    @cached_property
    def pdf_file(self):
        """The PDF this edition offers (designed or generated), or None."""
        return served_pdf(self)

    @property
    def pdf_url(self):
        return self.url + self.reverse_subpage("pdf") if self.url else None
