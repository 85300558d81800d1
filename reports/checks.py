"""The pre-publish check: what would be wrong with the edition if it went live now.

It reads the latest revision of every page, as publishing would, and reports per page so
the dashboard can link each problem to the editor.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.base import get_error_json_data
from wagtail.fields import StreamField
from wagtail.models import Comment, Page

from .carry_over import is_unchanged, origins_of, previous_year_texts
from .models import AnnualReportPage, ChapterPage, GeneralSectionPage
from .models.editions import edition_pages, latest_versions
from .models.sections import heading_anchor_map
from .sources.blocks import flatten_block_errors

PAGE_LINK = re.compile(r'<a[^>]*\blinktype="page"[^>]*\bid="(\d+)"')
IMAGE_EMBED = re.compile(r'<embed[^>]*\bembedtype="image"[^>]*>')
EMPTY_ALT = re.compile(r'\balt=""|\balt=\'\'')
ADMIN_HREF = re.compile(r'href="(?:https?://[^"/]+)?/(?:admin|django-admin)/[^"]*"')


@dataclass
class Problem:
    page: Page
    message: str
    blocking: bool = True
    kind: str = ""  # "unchanged": last year's text, which a Publisher may carry over

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def __str__(self):
        return f"{self.page.title}: {self.message}"


def _strings(value):
    """Every string inside raw StreamField data: rich text, URLs, captions."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _stream_fields(page):
    return [f for f in page._meta.get_fields() if isinstance(f, StreamField)]


def _raw(page, field):
    return list(getattr(page, field.name).raw_data)


# Kept by Wagtail from the page's row, never from what editors typed: checking that each
# exists cost four queries a page.
BOOKKEEPING = [
    "content_type",
    "owner",
    "locked_by",
    "latest_revision",
    "live_revision",
    "locale",
    "alias_of",
    "path",
    "translation_key",
]


def _validation_problems(version):
    problems = []
    try:
        version.full_clean(exclude=BOOKKEEPING)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = "" if name == "__all__" else f"{name}: "
            problems.extend(Problem(version, f"{label}{m}") for m in messages)
    for field in _stream_fields(version):
        try:
            field.stream_block.clean(getattr(version, field.name))
        except ValidationError as error:
            problems.append(Problem(version, f"{field.verbose_name}: {_block_errors(error)}"))
    return problems


def _block_errors(error):
    found = flatten_block_errors(get_error_json_data(error))
    if not found:
        return "; ".join(error.messages)
    return "; ".join(f"{'/'.join(map(str, place))}: {message}" for place, message in found)


def _anchor(version, edition_depth, slugs_by_path):
    parts = []
    path = version.path
    while len(path) // Page.steplen > edition_depth:
        parts.append(slugs_by_path[path])
        path = path[: -Page.steplen]
    return "-".join(reversed(parts))


def check_edition(edition):
    """All problems of the edition, in reading order of the pages they concern."""
    pages = edition_pages(edition)
    versions = latest_versions(pages)
    in_edition = {p.pk for p in pages}
    children = Counter(p.path[: -Page.steplen] for p in pages[1:])
    slugs_by_path = {p.path: versions[p.pk].slug for p in pages}
    linked_ids = {
        int(i)
        for p in pages
        for f in _stream_fields(versions[p.pk])
        for s in _strings(_raw(versions[p.pk], f))
        for i in PAGE_LINK.findall(s)
    }
    outside_live = _publicly_live(linked_ids - in_edition)

    problems = []
    ids = defaultdict(list)  # every id the edition page will carry, with its pages
    for page in pages:
        version = versions[page.pk]
        problems.extend(_validation_problems(version))
        strings = [s for f in _stream_fields(version) for s in _strings(_raw(version, f))]
        if not isinstance(version, AnnualReportPage):
            has_children = children[page.path] > 0
            if not _has_body(version) and not (
                isinstance(version, (ChapterPage, GeneralSectionPage)) and has_children
            ):
                problems.append(Problem(version, "Empty section: there is nothing to read."))
            anchor = _anchor(version, edition.depth, slugs_by_path)
            ids[anchor].append(version)
            for heading_id in heading_anchor_map(version.body.raw_data, anchor).values():
                ids[heading_id].append(version)
        for text in strings:
            for embed in IMAGE_EMBED.findall(text):
                if EMPTY_ALT.search(embed) or "alt=" not in embed:
                    problems.append(Problem(version, "An image in the text has no alt text."))
            for target in PAGE_LINK.findall(text):
                target = int(target)
                if target not in in_edition and target not in outside_live:
                    problems.append(
                        Problem(version, f"A link points to page {target}, which is not public.")
                    )
            for href in ADMIN_HREF.findall(text):
                problems.append(Problem(version, f"A link points into the admin: {href[6:-1]}"))
        problems.extend(_image_problems(version))
    problems.extend(_last_year_problems(edition, pages, versions))
    for anchor, owners in ids.items():
        if len(owners) > 1:
            for version in {v.pk: v for v in owners}.values():
                problems.append(
                    Problem(version, f"Duplicate anchor #{anchor}: change a slug or a heading.")
                )
    problems.extend(_comment_problems(pages, versions))
    return problems


def _comment_problems(pages, versions):
    """Reviewers' comments nobody resolved yet: the discussion is not over."""
    unresolved = Counter(
        Comment.objects.filter(page__in=pages, resolved_at__isnull=True).values_list(
            "page_id", flat=True
        )
    )
    return [
        Problem(versions[page.pk], f"{count} unresolved comment{'s' if count > 1 else ''}.")
        for page in pages
        if (count := unresolved[page.pk])
    ]


def _last_year_problems(edition, pages, versions):
    """Sections nobody has updated since the edition was copied from the previous one (unless
    carried over on purpose), and the edition's own texts that still name the previous year."""
    previous = edition.year - 1
    problems = [
        Problem(versions[edition.pk], f"{what} still names {previous}: “{text}”")
        for what, text in previous_year_texts(versions[edition.pk])
    ]
    origins = origins_of(pages[1:])
    for page in pages[1:]:
        origin = origins.get(page.pk)
        if origin and not origin.carried_over and is_unchanged(versions[page.pk], origin):
            message = (
                f"Unchanged since the edition was copied from {previous}: update it, or have "
                "a Publisher mark it carried over on purpose."
            )
            problems.append(Problem(versions[page.pk], message, kind="unchanged"))
    return problems


def _has_body(version):
    return bool(getattr(version, "body", None) and len(version.body.raw_data))


def _image_problems(version):
    problems = []
    for field in _stream_fields(version):
        for block in getattr(version, field.name).raw_data:
            if block["type"] == "image" and not str(block["value"].get("alt_text", "")).strip():
                problems.append(Problem(version, "An image has no alt text."))
    return problems


def _publicly_live(page_ids):
    """The pages among these that visitors can reach: live, and not in an unreleased edition."""
    if not page_ids:
        return set()
    pages = list(Page.objects.filter(pk__in=page_ids).live().public())
    hidden_editions = AnnualReportPage.objects.filter(live=False).values_list("path", flat=True)
    return {
        p.pk
        for p in pages
        if not any(p.path.startswith(path) and p.path != path for path in hidden_editions)
    }
