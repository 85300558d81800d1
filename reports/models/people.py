from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Person(TranslatableMixin, index.Indexed, models.Model):
    """Someone who signs a letter; a snippet so one person serves every edition. Translatable:
    a translation of an edition signs with the same person, their role in its language."""

    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True)
    organisation = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="unique_person_per_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def title_line(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)
