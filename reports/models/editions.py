from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, Revision
from wagtail.search import index

from base.api import AbsoluteURLField, ImageDataField, StreamDataField
from base.blocks import BodyBlock, preload_images
from base.models import BasePage, DataLinksMixin
from base.queries import public
from base.richtext import preload_page_links
from base.text import iso_date

from .pdf import EditionPDFMixin
from .translations import TranslationCredit

SECTION_PAGE_TYPES = [
    "reports.LetterPage",
    "reports.ChapterPage",
    "reports.ProjectUpdatePage",
    "reports.WorkingGroupUpdatePage",
    "reports.EventPage",
    "reports.GeneralSectionPage",
]


class AnnualReportIndexPage(BasePage):
    template = "reports/annual_report_index_page.html"
    parent_page_types = ["oif_site.HomePage"]
    subpage_types = ["reports.AnnualReportPage"]
    max_count = 1

    def route(self, request, path_components):
        # One query for the edition, its PDF and its cover, where Wagtail would run three.
        if path_components:
            edition = (
                AnnualReportPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("generated_pdf", "designed_pdf", "cover_image", "locale")
                .first()
            )
            if edition is not None:
                return edition.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = (
            AnnualReportPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .order_by("-year")
        )
        return context


class AnnualReportPage(DataLinksMixin, EditionPDFMixin, BasePage):
    """One yearly edition; its descendants are its sections, in reading order."""

    template = "reports/annual_report_page.html"
    parent_page_types = ["reports.AnnualReportIndexPage"]
    subpage_types = SECTION_PAGE_TYPES

    # One edition a year in each language (checked in clean: the locale is Page's column).
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year the edition reports on; it is also the edition's address.",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intro = StreamField(BodyBlock(), blank=True)

    search_fields = BasePage.search_fields + [
        index.FilterField("year"),
        index.SearchField("intro"),
    ]
    content_panels = [
        FieldPanel("year"),
        *BasePage.content_panels,
        FieldPanel("cover_image"),
        FieldPanel("intro"),
        *EditionPDFMixin.pdf_panels,
    ]
    api_fields = BasePage.api_fields + [
        APIField("year"),
        APIField("intro", serializer=StreamDataField()),
        APIField("cover_image", serializer=ImageDataField()),
        APIField("pdf_url", serializer=AbsoluteURLField()),
        APIField("figures_csv_url", serializer=AbsoluteURLField(source="figures_csv_path")),
        APIField("figures_json_url", serializer=AbsoluteURLField(source="figures_json_path")),
    ]

    class Meta:
        ordering = ["-year"]

    og_type = "article"

    def __str__(self):
        return self.title

    def get_sharing_image(self):
        return self.cover_image if self.cover_image_id else None

    def get_structured_data(self, request, *, publisher, image):
        return {
            "@type": "Report",
            "headline": self.title,
            "image": image,
            "datePublished": iso_date(self.first_published_at),
            "dateModified": iso_date(self.last_published_at),
            "publisher": publisher,
            "temporalCoverage": str(self.year),
        }

    def full_clean(self, *args, **kwargs):
        # The year is the address: /annual-reports/2020/.
        if self.year:
            self.slug = str(self.year)
        super().full_clean(*args, **kwargs)

    def clean(self):
        if self.year and self.locale_id:
            twins = AnnualReportPage.objects.filter(year=self.year, locale_id=self.locale_id)
            if twins.exclude(pk=self.pk).exists():
                raise ValidationError({"year": f"There is already a {self.year} edition."})
        super().clean()
        if self.year and self.slug != str(self.year):
            raise ValidationError({"slug": f"An edition's slug is its year: {self.year}."})

    def get_sections(self, *, live=True):
        """Every section of the edition in reading order, in a fixed number of queries."""
        queryset = Page.objects.descendant_of(self).order_by("path")
        if live:
            queryset = public(queryset.live())
        return self._prepare_sections(specific_sections(queryset))

    def get_preview_sections(self):
        """Every section as it would be published now: latest revisions, drafts marked."""
        pages = list(Page.objects.descendant_of(self).order_by("path").specific())
        versions = latest_versions(pages)
        sections = []
        for page in pages:
            version = versions[page.pk]
            if not page.live:
                version.draft_label = "Draft: not published yet"
            elif page.has_unpublished_changes:
                version.draft_label = "Draft: changes not published yet"
            sections.append(version)
        return self._prepare_sections(sections)

    def _prepare_sections(self, sections):
        by_fields = {}
        for section in sections:
            for field in getattr(section, "prefetch_fields", ()):
                by_fields.setdefault(field, []).append(section)
        for field, group in by_fields.items():
            prefetch_related_objects(group, field)
        for section in sections:
            section.__dict__["edition"] = self
            if section.locale_id == self.locale_id:
                # Their addresses carry the language's prefix (/ja/…): no query each for it.
                section.locale = self.locale
        with preload_images([section.body for section in sections]):
            for section in sections:
                list(section.body)  # converts the blocks now, while the images are at hand
        preload_page_links([self.intro, *(section.body for section in sections)])
        return sections

    def translation_info(self):
        """For a translated edition: its English original (None while that is not live and
        public) and its credits; None for the source (without a query: routing fetched the
        edition with its locale)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return None
        # Linked only where readers can follow it: live and public (None otherwise).
        original = public(
            AnnualReportPage.objects.live().filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
        ).first()
        credit = TranslationCredit.objects.filter(edition_id=self.pk).first()
        return {"original": original, "credit": credit}

    def route(self, request, path_components):
        # The edition is published whole: none of its pages is public before it is.
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        sections = self.get_preview_sections() if preview else self.get_sections()
        context["sections"] = sections
        context["toc"] = build_toc(sections, self.depth)
        context["translation"] = self.translation_info()
        return context


def specific_sections(queryset):
    """The sections of `queryset` as their own classes, in one query: every section class's
    table is joined, with the relations it shows (its `prefetch_fields`)."""
    models = {apps.get_model(label) for label in SECTION_PAGE_TYPES}
    relations = []
    for model in models:
        name = model._meta.model_name  # Page's reverse one-to-one to its subclass
        relations += [name, *(f"{name}__{field}" for field in model.prefetch_fields)]
    sections = []
    for page in queryset.select_related(*relations):
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        sections.append(getattr(page, model._meta.model_name) if model in models else page.specific)
    return sections


def approval_note(page):
    """What approving `page` does when its edition is not released yet; "" otherwise."""
    page = page.specific_deferred
    edition = page if isinstance(page, AnnualReportPage) else None
    if edition is None:
        edition = AnnualReportPage.objects.ancestor_of(page).first()
    if edition is None or edition.live:
        return ""
    return f"Approved: it goes live when the {edition.year} edition is published."


def exclude_unreleased(queryset):
    """Pages visitors may find: not inside an edition that is not live yet (listings, search,
    feeds; routing refuses them on its own)."""
    for path in AnnualReportPage.objects.filter(live=False).values_list("path", flat=True):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def sections_by_edition(editions):
    """{edition id: its live, public sections in reading order, each knowing its edition and
    its body converted}: for feeds and listings of several editions, in a fixed number of
    queries however many editions and sections there are."""
    editions = {edition.path: edition for edition in editions}
    if not editions:
        return {}
    inside = Q()
    for edition in editions.values():
        inside |= Q(path__startswith=edition.path, depth__gt=edition.depth)
    sections = list(Page.objects.live().public().filter(inside).order_by("path").specific())
    result = {edition.pk: [] for edition in editions.values()}
    length = len(next(iter(editions)))  # editions are siblings: their paths are as long
    for section in sections:
        edition = editions[section.path[:length]]
        section.__dict__["edition"] = edition
        result[edition.pk].append(section)
    with preload_images([s.body for s in sections if hasattr(s, "body")]):
        for section in sections:
            list(getattr(section, "body", ()))
    return result


def build_toc(sections, edition_depth):
    """Nest the flat, path-ordered sections into [{"page", "children"}] for the contents list."""
    root = {"children": []}
    stack = [(edition_depth, root)]
    for section in sections:
        while stack[-1][0] >= section.depth:
            stack.pop()
        node = {"page": section, "children": []}
        stack[-1][1]["children"].append(node)
        stack.append((section.depth, node))
    return root["children"]


def edition_pages(edition):
    """The edition and all its sections (drafts too), specific, in reading order."""
    return list(Page.objects.descendant_of(edition, inclusive=True).order_by("path").specific())


def _content(revision):
    """The revision's data without the two keys with_content_json takes from the page's row
    anyway: deserialising them checked that each exists, two queries a page."""
    return {k: v for k, v in revision.content.items() if k not in ("locale", "content_type")}


def latest_versions(pages):
    """{page id: the page as in its latest revision}, fetching the revisions in one query."""
    revisions = Revision.objects.in_bulk(
        [p.latest_revision_id for p in pages if p.latest_revision_id]
    )
    by_path = {p.path: p for p in pages}
    versions = {}
    for page in pages:
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is not None:  # treebeard's own cache: no query for the parent of each page
            page._cached_parent_obj = parent
        revision = revisions.get(page.latest_revision_id)
        version = page.with_content_json(_content(revision)) if revision else page
        if parent is not None:
            version._cached_parent_obj = parent
        versions[page.pk] = version
    return versions
