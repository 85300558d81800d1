"""Project and working-group profiles: the pages that outlive any one edition."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.api import AbsoluteURLField
from base.models import BasePage, DataLinksMixin
from projects.charts import key_figures_chart


class ProfileIndexPage(BasePage):
    """Lists the profiles below it."""

    template = "projects/profile_index_page.html"
    parent_page_types = ["oif_site.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["profiles"] = (
            Page.objects.child_of(self).live().public().specific().order_by("title")
        )
        return context


class ProfilePage(DataLinksMixin, BasePage):
    """A project or working group, with its updates from every edition."""

    template = "projects/profile_page.html"
    subpage_types = []

    website = models.URLField(blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("website")]
    api_fields = BasePage.api_fields + [
        APIField("website"),
        APIField("figures_csv_url", serializer=AbsoluteURLField(source="figures_csv_path")),
        APIField("figures_json_url", serializer=AbsoluteURLField(source="figures_json_path")),
    ]

    class Meta:
        abstract = True

    def get_updates(self):
        """This profile's live updates in its language, newest edition first, each with its
        edition attached. Updates link to the source profile (a synchronised field), so a
        translated profile finds them through its translation key."""
        updates = self.updates.model.objects.filter(
            **{f"{self.updates.field.name}__translation_key": self.translation_key},
            locale_id=self.locale_id,
        )
        return updates.live().public().with_editions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["updates"] = self.get_updates()
        # The key figures of every edition's update, as charts with their data table.
        context["figures_chart"] = key_figures_chart(context["updates"])
        return context


class ProjectIndexPage(ProfileIndexPage):
    template = "projects/profile_index_page.html"
    subpage_types = ["projects.ProjectPage"]


class ProjectPage(ProfilePage):
    template = "projects/profile_page.html"
    parent_page_types = ["projects.ProjectIndexPage"]

    class Status(models.TextChoices):
        PILOT = "pilot", "Pilot project"
        CONFIRMED = "confirmed", "Confirmed project"
        TOP_LEVEL = "top-level", "Top-level project"
        SUPPORTED_COLLABORATION = "supported-collaboration", "Supported collaboration"

    repository = models.URLField(blank=True)
    licence = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.PILOT)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("website"),
                FieldPanel("repository"),
                FieldPanel("licence"),
            ],
            heading="Project",
        ),
        InlinePanel("channels", heading="Get involved", label="Channel"),
    ]
    search_fields = BasePage.search_fields + [index.FilterField("status")]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("licence", overridable=False)
    ]
    api_fields = ProfilePage.api_fields + [
        APIField("status"),
        APIField("repository"),
        APIField("licence"),
        APIField("channels"),
    ]

    def get_structured_data(self, request, *, publisher, image):
        data = {"@type": "SoftwareSourceCode", "applicationCategory": "Infrastructure"}
        for key, value in (
            ("sameAs", self.website),
            ("codeRepository", self.repository),
            ("license", self.licence),
        ):
            if value:
                data[key] = value
        return data


class ProjectChannel(TranslatableMixin, Orderable):
    """A way to get involved: mailing list, chat, code…; translatable, so that a translated
    profile's labels are in its language (the address stays the source's)."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="channels")
    label = models.CharField(max_length=100)
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]
    api_fields = [APIField("label"), APIField("url")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        # Channels loaded from a source file have no sort order: they keep the order they
        # were created in (a translation's copies too), on every database.
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


class WorkingGroupIndexPage(ProfileIndexPage):
    template = "projects/profile_index_page.html"
    subpage_types = ["projects.WorkingGroupPage"]


class WorkingGroupPage(ProfilePage):
    template = "projects/profile_page.html"
    parent_page_types = ["projects.WorkingGroupIndexPage"]

    def get_structured_data(self, request, *, publisher, image):
        data = {"@type": "Organization", "parentOrganization": publisher}
        if self.website:
            data["sameAs"] = self.website
        return data
