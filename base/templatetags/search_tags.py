"""Search results: the query's words marked in an excerpt."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from base.text import query_terms, term_pattern

register = template.Library()


@register.filter
def highlight(text, query):
    """`text`, HTML-escaped, with the query's terms wrapped in <mark>."""
    text = str(text or "")
    terms = query_terms(query) if isinstance(query, str) else list(query or [])
    if not terms:
        return escape(text)
    out, position = [], 0
    for match in term_pattern(terms).finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))
