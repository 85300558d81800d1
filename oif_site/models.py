"""The home page, site-wide settings and the abstract pages the apps build on."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Every public page carries a plain summary: archive cards, search results and sharing."""

    summary = models.TextField(
        blank=True, max_length=600, help_text="One or two plain sentences, for lists and search."
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]

    class Meta:
        abstract = True


class HomePage(BasePage):
    template = "oif_site/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "reports.AnnualReportIndexPage",
        "projects.ProjectIndexPage",
        "projects.WorkingGroupIndexPage",
    ]
    max_count = 1

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        from projects.models import ProjectPage
        from reports.models import AnnualReportPage

        context = super().get_context(request, *args, **kwargs)
        editions = list(
            AnnualReportPage.objects.live().public().descendant_of(self).order_by("-year")
        )
        context["latest_edition"] = editions[0] if editions else None
        context["editions"] = editions
        context["projects"] = (
            ProjectPage.objects.live().public().descendant_of(self).order_by("title")
        )
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    announcement_text = models.CharField(
        max_length=300, blank=True, help_text="Shown in a banner above every page. Empty: none."
    )
    announcement_link_label = models.CharField(max_length=60, blank=True)
    announcement_url = models.URLField(blank=True)
    footer_text = models.TextField(blank=True)
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Shown when a page is shared (OpenGraph, Twitter) and has no image of its own; "
            "cropped to 1200×630. Empty: the site's built-in card."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("announcement_text"),
                FieldPanel("announcement_link_label"),
                FieldPanel("announcement_url"),
            ],
            heading="Announcement banner",
        ),
        FieldPanel("footer_text"),
        FieldPanel("social_image"),
    ]

    class Meta:
        verbose_name = "Site settings"
