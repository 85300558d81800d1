"""Is a copied section still last year's text? Its content compared with the content it was
copied with (reports/models/origins.py), and the Publisher's word that it stays on purpose."""

import json
import re
from html.parser import HTMLParser

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.log_actions import log

from .models import SectionOrigin

# Page fields that describe a page's place and state in the tree, not its content.
NOT_CONTENT = {
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "translation_key",
    "locale",
    "alias_of",
    "draft_title",
    "go_live_at",
    "expire_at",
    "expired",
}


def content_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in NOT_CONTENT and not f.name.endswith("_ptr")
    ]


def content_of(page):
    """The page's content fields as plain JSON data, as a revision would store them."""
    data = {}
    for field in content_fields(type(page)):
        value = field.value_from_object(page)
        if isinstance(field, StreamField):
            value = field.stream_block.get_prep_value(getattr(page, field.name))
        data[field.attname] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


# Tags the rich-text editor writes for the same thing.
SAME_TAG = {"strong": "b", "em": "i"}


class _CanonicalHTML(HTMLParser):
    """Rich text reduced to what a reader gets: opening and saving a page without typing
    rewrites its HTML (block keys, entities, attribute order, spacing) without a word changed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = sorted((k, v or "") for k, v in attrs if k != "data-block-key")
        self.parts.append(("<", SAME_TAG.get(tag, tag), tuple(attrs)))

    def handle_endtag(self, tag):
        self.parts.append(("/", SAME_TAG.get(tag, tag)))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.parts.append(("text", text))


def _canonical_html(html):
    parser = _CanonicalHTML()
    parser.feed(html)
    parser.close()
    return parser.parts


def same_content(a, b):
    """Whether two content structures say the same; only differing rich text is normalised."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_content(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_content(x, y) for x, y in zip(a, b, strict=True))
    if a == b:
        return True
    if isinstance(a, str) and isinstance(b, str) and a.lstrip().startswith("<"):
        return _canonical_html(a) == _canonical_html(b)
    return False


def origins_of(pages):
    """{page id: SectionOrigin} for these pages, in one query."""
    return {
        o.page_id: o
        for o in SectionOrigin.objects.filter(page_id__in=[p.pk for p in pages]).select_related(
            "carried_over_by"
        )
    }


def is_unchanged(version, origin):
    return origin is not None and same_content(content_of(version), origin.copied_content)


def _year_pattern(year):
    return re.compile(rf"(?<!\d){year}(?!\d)")


def previous_year_texts(edition):
    """[(what, text)] of the edition's own texts that still name the previous year: its title,
    description, search texts and what its cover shows."""
    pattern = _year_pattern(edition.year - 1)
    texts = [
        ("Title", edition.title),
        ("Description", edition.summary),
        ("Search title", edition.seo_title),
        ("Search description", edition.search_description),
    ]
    if edition.cover_image_id and edition.cover_image:
        texts.append(("Cover image title", edition.cover_image.title))
        texts.append(("Cover image alt text", edition.cover_image.default_alt_text))
    if edition.designed_pdf_id and edition.designed_pdf:
        texts.append(("Designed PDF title", edition.designed_pdf.title))
    return [(what, text) for what, text in texts if text and pattern.search(text)]


@transaction.atomic
def mark_carried_over(page, user, carried_over=True):
    """Record (or withdraw) a Publisher's word that the section's text stays on purpose."""
    origin = SectionOrigin.objects.select_for_update().get(page=page)
    origin.carried_over_by = user if carried_over else None
    origin.carried_over_at = timezone.now() if carried_over else None
    origin.save(update_fields=["carried_over_by", "carried_over_at"])
    action = "reports.carried_over" if carried_over else "reports.carried_over_withdrawn"
    log(instance=page, action=action, user=user)
    return origin
