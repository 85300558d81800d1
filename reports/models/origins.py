"""Where each section of an edition was copied from, and whether last year's text stays on
purpose: the pre-publish check and "Compare with last year" read it."""

from django.conf import settings
from django.db import models


class SectionOrigin(models.Model):
    """One copied page: its source, its content as copied, and the Publisher's word that the
    unchanged text is carried over on purpose."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="edition_origin"
    )
    source = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The previous edition's page this one was copied from.",
    )
    copied_content = models.JSONField(
        default=dict, help_text="The page's content fields as copied: equal means unchanged."
    )
    carried_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carried_over_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "section origin"

    def __str__(self):
        return f"Page {self.page_id} copied from {self.source_id}"

    @property
    def carried_over(self):
        return self.carried_over_at is not None
