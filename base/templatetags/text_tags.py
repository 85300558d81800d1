"""Template helpers for the body's text: heading levels, footnotes, dates, addresses, teasers."""

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.rich_text import RichText, expand_db_html

from base.text import heading_level, link_footnote_references, page_text, word_count

register = template.Library()


register.simple_tag(heading_level)  # a body heading's level, also for timeline titles


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def link_footnotes(html, section):
    """Link [0]-style references in rendered text to the section's footnotes. Rich text
    (`item|richtext`, which leaves a RichText as it is) is expanded here: str() would render
    Wagtail's richtext.html, `{{ html|safe }}`, a template render per list item."""
    if section is None or not hasattr(section, "footnote_labels"):
        return html
    rendered = expand_db_html(html.source) if isinstance(html, RichText) else str(html)
    return mark_safe(link_footnote_references(rendered, section))


@register.simple_tag
def date_range(start, end):
    """19–23 October 2020; 1 June – 30 October 2020; October 2020 when only one date."""
    if not start:
        return ""
    if not end or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


@register.filter
def display_url(url):
    """An address as people read it: katacontainers.io, not https://katacontainers.io/."""
    return re.sub(r"^https?://(www\.)?", "", str(url or "")).rstrip("/")


@register.filter
def opening_words(page, count=60):
    """The first `count` words of a page's text, for teasers that lead to the page."""
    return Truncator(page_text(page, with_summary=False)).words(int(count))


@register.filter
def reading_minutes(sections):
    """Minutes to read the sections at 230 words a minute, for the edition header."""
    words = sum(word_count(getattr(s, "body", None)) for s in sections or [])
    return max(1, round(words / 230))
