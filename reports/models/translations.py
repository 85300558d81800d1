"""What a translated edition says about itself: who translated it, from what, and when."""

from django.db import models


class TranslationCredit(models.Model):
    """The credits of one translated edition (an AnnualReportPage in a locale other than the
    source's): shown on its page and in its PDF, edited by that language's translators. Kept
    beside the page, not in it, so that synchronising the page from the source never touches it.
    """

    edition = models.OneToOneField(
        "reports.AnnualReportPage", on_delete=models.CASCADE, related_name="translation_credit"
    )
    translators = models.TextField(blank=True, help_text="One name a line, as credited.")
    source = models.CharField(
        max_length=255, blank=True, help_text="What was translated, e.g. 2020.yaml."
    )
    translated_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "translation credit"

    def __str__(self):
        return f"Credits of {self.edition}"

    @property
    def translator_names(self):
        return [line.strip() for line in self.translators.splitlines() if line.strip()]
