"""What an edition page gains for its PDF: the designed-PDF field and the pdf/ address."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path


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
        from .serve import serve_pdf

        return serve_pdf(request, self)

    @cached_property
    def pdf_file(self):
        """The PDF this edition offers (designed or generated), or None."""
        from .serve import served_pdf

        return served_pdf(self)

    @property
    def pdf_url(self):
        return self.url + self.reverse_subpage("pdf") if self.url else None
