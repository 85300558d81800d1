"""Inline scripts by name, so the page and the Content-Security-Policy hashes never drift."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from base.inline_scripts import INLINE_SCRIPTS

register = template.Library()


@register.simple_tag
def inline_script(name):
    return format_html("<script>{}</script>", mark_safe(INLINE_SCRIPTS[name]))
