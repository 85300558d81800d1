from django import template
from django.utils.safestring import mark_safe

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
    from reports.models.sections import link_footnote_references

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
