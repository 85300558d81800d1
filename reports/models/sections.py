from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from rest_framework.fields import Field
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.api import StreamDataField
from base.blocks import BodyBlock, KeyFigureBlock
from base.models import SharingMixin
from base.text import iso_date

from .assignment_forms import SectionPageForm
from .editions import AnnualReportPage, exclude_unreleased

SECTION_PARENTS = ["reports.AnnualReportPage", "reports.ChapterPage"]
# Who writes the section, by when, and the brief: above the content (reports/models/assignments.py).
ASSIGNMENT_PANELS = [
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("assignment_group"), FieldPanel("assignment_due_date")]),
            FieldPanel("assignment_people"),
            FieldPanel("assignment_brief"),
        ],
        heading="Assignment",
    )
]


class SectionQuerySet(PageQuerySet):
    def with_editions(self):
        """These sections whose edition is live, each with its edition attached, newest
        edition first: a profile's updates across editions, in two queries."""
        sections = list(self.order_by("path"))
        if not sections:
            return []
        depth = AnnualReportPage.objects.values_list("depth", flat=True).first()
        if depth is None:
            return []
        length = depth * Page.steplen
        editions = {
            e.path: e
            for e in AnnualReportPage.objects.live().filter(
                path__in={s.path[:length] for s in sections}
            )
        }
        result = []
        for section in sections:
            edition = editions.get(section.path[:length])
            if edition:
                section.__dict__["edition"] = edition
                result.append(section)
        return sorted(result, key=lambda s: -s.edition.year)


class EditionSectionPage(SharingMixin, Page):
    """A part of an edition: readable alone at its own URL and inline on the edition page."""

    body = StreamField(BodyBlock(), blank=True)

    objects = PageManager.from_queryset(SectionQuerySet)()

    template = "reports/section_page.html"
    content_template = "reports/includes/section_content.html"
    parent_page_types = SECTION_PARENTS
    subpage_types = []

    search_fields = Page.search_fields + [index.SearchField("body")]
    content_panels = ASSIGNMENT_PANELS + Page.content_panels + [FieldPanel("body")]
    base_form_class = SectionPageForm
    # Translations keep the source's address and anchors (wagtail-localize).
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    api_fields = [APIField("edition_year"), APIField("body", serializer=StreamDataField())]

    class Meta:
        abstract = True

    og_type = "article"
    # Related objects the page shows: the edition page fetches them for all its sections at once.
    prefetch_fields = ()
    # Set on a preview's drafts (AnnualReportPage.get_preview_sections). Declared here so that
    # the template's lookup finds it: a failed lookup costs Django's template engine a dir() of
    # the page and an exception, ~0.2 ms a section on the edition page.
    draft_label = ""

    @cached_property
    def edition(self):
        return AnnualReportPage.objects.ancestor_of(self).first()

    @property
    def edition_year(self):
        """The edition's year from this page's address (an edition's slug is its year): no
        query, so that admin listings name the year of every row for free."""
        for segment in self.url_path.strip("/").split("/")[1:]:
            if len(segment) == 4 and segment.isdigit():
                return int(segment)
        return None

    def get_admin_display_title(self):
        """ "Zuul · 2021": two editions hold a page of the same title, and the admin lists,
        searches, mails and compares them; public pages keep the plain title."""
        title = super().get_admin_display_title()
        year = self.edition_year
        return f"{title} · {year}" if year else title

    def get_sharing_image(self):
        edition = self.edition
        return edition.get_sharing_image() if edition is not None else None

    def get_structured_data(self, request, *, publisher, image):
        data = {
            "@type": "Article",
            "headline": self.title[:110],
            "image": image,
            "datePublished": iso_date(self.first_published_at),
            "dateModified": iso_date(self.last_published_at),
            "publisher": publisher,
            "author": publisher,
        }
        edition = self.edition
        if edition is not None:
            data["isPartOf"] = {
                "@type": "Report",
                "name": edition.title,
                "url": edition.get_full_url(request),
            }
        return data

    @property
    def anchor(self):
        """The fragment that locates this section on the edition page, e.g. zuul or
        event-highlights-opendev: slugs are unique only among siblings."""
        parts = self.url_path.strip("/").split("/")
        return "-".join(parts[self.edition.depth - 1 :])

    def published_translations(self):
        return exclude_unreleased(super().published_translations())

    def get_sitemap_urls(self, request=None):
        # A section is public only once its edition is: published early, it still waits.
        return super().get_sitemap_urls(request) if self.edition.live else []

    @property
    def level(self):
        """1 for a top-level section, 2 inside a chapter, 3 for a subsection."""
        return self.depth - self.edition.depth

    @cached_property
    def footnote_labels(self):
        return {
            note["label"]
            for block in self.body
            if block.block_type == "footnotes"
            for note in block.value["notes"]
        }

    @cached_property
    def heading_anchors(self):
        """Unique ids for the headings of the body, keyed by block id."""
        return heading_anchor_map(self.body.raw_data, self.anchor)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reading_order = list(
            Page.objects.descendant_of(self.edition)
            .live()
            .public()
            .order_by("path")
            .only("id", "title", "url_path", "depth", "path")
        )
        position = next((i for i, p in enumerate(reading_order) if p.pk == self.pk), None)
        if position is not None:
            context["previous_section"] = reading_order[position - 1] if position > 0 else None
            context["next_section"] = (
                reading_order[position + 1] if position + 1 < len(reading_order) else None
            )
        context["section"] = self
        context["children"] = (
            Page.objects.child_of(self).live().public().order_by("path").only("title", "url_path")
        )
        return context


def heading_anchor_map(raw_blocks, anchor):
    """{block id: id of the heading}, unique within a section: two headings may share a text."""
    anchors, seen = {}, set()
    for block in raw_blocks:
        if block["type"] != "heading":
            continue
        base = f"{anchor}-{slugify(block['value'].get('text', '')) or 'heading'}"
        candidate, n = base, 2
        while candidate in seen:
            candidate, n = f"{base}-{n}", n + 1
        seen.add(candidate)
        anchors[block.get("id")] = candidate
    return anchors


class ChapterPage(EditionSectionPage):
    """Groups sections, e.g. Project Updates; its body is the chapter's introduction."""

    template = "reports/section_page.html"
    parent_page_types = ["reports.AnnualReportPage"]
    subpage_types = [
        "reports.LetterPage",
        "reports.ProjectUpdatePage",
        "reports.WorkingGroupUpdatePage",
        "reports.EventPage",
        "reports.GeneralSectionPage",
    ]


class SignatureField(Field):
    """A letter's signature for the API: what readers see under it, no more."""

    def to_representation(self, letter):
        return {
            "sign_off": letter.sign_off,
            "name": letter.signatory.name,
            "title": letter.signature_title,
        }


class LetterPage(EditionSectionPage):
    template = "reports/section_page.html"
    content_template = "reports/includes/letter_content.html"

    signatory = models.ForeignKey(
        "reports.Person", on_delete=models.PROTECT, related_name="letters"
    )
    signatory_title = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown under the name instead of the person's role and organisation.",
    )
    sign_off = models.CharField(max_length=120, blank=True, help_text="e.g. With all success,")

    prefetch_fields = ("signatory",)
    api_fields = EditionSectionPage.api_fields + [
        APIField("signature", serializer=SignatureField(source="*"))
    ]

    content_panels = EditionSectionPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("sign_off"), FieldPanel("signatory"), FieldPanel("signatory_title")],
            heading="Signature",
        )
    ]

    @property
    def signature_title(self):
        return self.signatory_title or self.signatory.title_line


class ProjectUpdatePage(EditionSectionPage):
    template = "reports/section_page.html"
    content_template = "reports/includes/project_update_content.html"

    project = models.ForeignKey(
        "projects.ProjectPage", on_delete=models.PROTECT, related_name="updates"
    )

    prefetch_fields = ("project",)
    api_fields = EditionSectionPage.api_fields + [APIField("project")]

    content_panels = [
        *ASSIGNMENT_PANELS,
        *Page.content_panels,
        FieldPanel("project"),
        FieldPanel("body"),
    ]


class WorkingGroupUpdatePage(EditionSectionPage):
    template = "reports/section_page.html"
    content_template = "reports/includes/working_group_update_content.html"

    working_group = models.ForeignKey(
        "projects.WorkingGroupPage", on_delete=models.PROTECT, related_name="updates"
    )

    prefetch_fields = ("working_group",)
    api_fields = EditionSectionPage.api_fields + [APIField("working_group")]

    content_panels = [
        *ASSIGNMENT_PANELS,
        *Page.content_panels,
        FieldPanel("working_group"),
        FieldPanel("body"),
    ]


class EventPage(EditionSectionPage):
    template = "reports/section_page.html"
    content_template = "reports/includes/event_content.html"

    class Format(models.TextChoices):
        VIRTUAL = "virtual", "Virtual"
        IN_PERSON = "in-person", "In person"
        HYBRID = "hybrid", "Hybrid"

    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.VIRTUAL)
    location = models.CharField(max_length=255, blank=True)
    figures = StreamField([("figure", KeyFigureBlock())], blank=True)

    content_panels = (
        ASSIGNMENT_PANELS
        + Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldRowPanel([FieldPanel("format"), FieldPanel("location")]),
                    FieldPanel("figures"),
                ],
                heading="The event",
            ),
            FieldPanel("body"),
        ]
    )
    search_fields = EditionSectionPage.search_fields + [index.SearchField("location")]
    api_fields = EditionSectionPage.api_fields + [
        APIField("start_date"),
        APIField("end_date"),
        APIField("format"),
        APIField("location"),
        APIField("figures", serializer=StreamDataField()),
    ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The event cannot end before it starts."})


class GeneralSectionPage(EditionSectionPage):
    """Community highlights, press, newsletter…; may group subsections of its own."""

    template = "reports/section_page.html"
    parent_page_types = SECTION_PARENTS + ["reports.GeneralSectionPage"]
    subpage_types = ["reports.GeneralSectionPage"]

    class Meta:
        verbose_name = "general section"
