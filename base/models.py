"""The abstract pages every app builds on, and the site-wide settings."""

from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .announcements import Announcement, annotated_translation, translation_annotations
from .heartbeats import Heartbeat  # noqa: F401  (a model: registered with the app)
from .queries import public


class SharingMixin:
    """What link previews and structured data ask of a page; each page family answers for
    itself, so the base never needs to know the apps above it."""

    og_type = "website"

    @cached_property
    def breadcrumb_ancestors(self):
        """The page's ancestors below the root, fetched once for breadcrumbs and JSON-LD."""
        return [page for page in self.get_ancestors() if page.depth > 1]

    def get_sharing_image(self):
        """The image link previews show for this page, or None for the site's."""
        return None

    def get_structured_data(self, request, *, publisher, image):
        """This page's schema.org item beyond name, url and description (JSON-LD)."""
        return {}

    def published_translations(self):
        """This page in every language a visitor can read it in, itself included: live,
        public, translated (not an alias of the source). Pages that need more (a section of an
        unreleased edition is unreachable) narrow it down."""
        pages = Page.objects.filter(translation_key=self.translation_key, live=True)
        return public(pages.filter(alias_of__isnull=True)).select_related("locale")


class DataLinksMixin:
    """A page whose key figures can be downloaded beside it: …/figures.csv and .json."""

    @property
    def figures_csv_path(self):
        return f"{self.url}figures.csv"

    @property
    def figures_json_path(self):
        return f"{self.url}figures.json"


class BasePage(SharingMixin, Page):
    """Every public page carries a plain summary: archive cards, search results and sharing."""

    summary = models.TextField(
        blank=True, max_length=600, help_text="One or two plain sentences, for lists and search."
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]
    # A translation keeps the source's address under its language prefix: /ja/annual-reports/2020/.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    api_fields = [APIField("summary")]

    class Meta:
        abstract = True


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    announcement = models.ForeignKey(
        Announcement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Shown in a banner above every page, translated where it has a translation "
            "(Snippets › Announcements). Empty: none."
        ),
    )
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

    data_licence = models.CharField(
        max_length=255,
        default="Creative Commons Attribution 4.0 International (CC BY 4.0)",
        help_text="The licence the report's data downloads (key figures) are published under.",
    )
    data_licence_url = models.URLField(
        blank=True, default="https://creativecommons.org/licenses/by/4.0/"
    )

    panels = [
        FieldPanel("announcement", heading="Announcement banner"),
        FieldPanel("footer_text"),
        FieldPanel("social_image"),
        MultiFieldPanel(
            [FieldPanel("data_licence"), FieldPanel("data_licence_url")], heading="Open data"
        ),
    ]

    # The banner on every page: its announcement, language and translation with the settings,
    # in their one query.
    select_related = ["announcement__locale"]

    @classmethod
    def base_queryset(cls):
        language = translation.get_language()
        queryset = super().base_queryset()
        return queryset.annotate(**translation_annotations(language)) if language else queryset

    def announcement_in(self, language_code):
        """(announcement, its language) for the banner of a page in `language_code`, or None."""
        if self.announcement is None:
            return None
        translated = annotated_translation(self, language_code)
        return self.announcement.in_language(language_code, translated)

    class Meta:
        verbose_name = "Site settings"
        db_table = "oif_site_sitesettings"  # the table the site was created with
