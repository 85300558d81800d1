from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Person(index.Indexed, models.Model):
    """Someone who signs a letter; a snippet so one person serves every edition."""

    name = models.CharField(max_length=255, unique=True)
    role = models.CharField(max_length=255, blank=True)
    organisation = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    @property
    def title_line(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)
