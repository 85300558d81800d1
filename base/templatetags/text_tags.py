"""Template helpers for the body's text: heading levels, footnotes, dates, addresses, teasers."""

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from base.text import link_footnote_references, page_text, word_count

register = template.Library()


@register.simple_tag
def heading_level(level, title_level):
    """A body heading's h-level: level 3 sits one below the section title, never past h6."""
    return min(6, int(title_level) + int(level) - 2)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def link_footnotes(html, section):
    """Link [0]-style references in rendered text to the section's footnotes."""
    if section is None or not hasattr(section, "footnote_labels"):
        return html
    return mark_safe(link_footnote_references(str(html), section))


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
