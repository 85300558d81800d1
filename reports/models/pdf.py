"""The generated PDF of each edition: a pointer to the last file that was built successfully.

The view serves whatever this row names, so a build writes its file under a new name first
and only then moves the pointer, in one transaction: readers never see a half-written file,
and while a new PDF is being made the previous one keeps being served.
"""

from django.db import models


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
