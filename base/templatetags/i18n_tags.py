"""Languages of a page: the switcher, hreflang alternates and the lang attribute. Each page
says which of its translations a visitor can read (SharingMixin.published_translations)."""

from django import template
from django.conf import settings
from django.utils import translation

from base.models import SiteSettings

register = template.Library()


def language_name(code):
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """[{code, name, url, current}] for every language `page` is published in, in the order
    of the configured languages: one query, memoised on the request for the page."""
    page = page or context.get("page")
    request = context.get("request")
    if page is None or not hasattr(page, "published_translations"):
        return []
    cache = getattr(request, "_page_languages", None) if request is not None else None
    if cache is not None and cache[0] == page.pk:
        return cache[1]
    by_code = {p.locale.language_code: p for p in page.published_translations()}
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    languages = [
        {
            "code": code,
            "name": language_name(code),
            "url": by_code[code].get_url(request),
            "full_url": by_code[code].get_full_url(request),
            "current": by_code[code].pk == page.pk,
        }
        for code in order
        if code in by_code
    ]
    if request is not None:
        request._page_languages = (page.pk, languages)
    return languages


@register.simple_tag(takes_context=True)
def banner_announcement(context):
    """{announcement, lang} for the banner in the reader's language (its translation, else the
    chosen one as it is, `lang` saying which language it is in), or None: no announcement."""
    request = context.get("request")
    if request is None:
        return None
    shown = SiteSettings.for_request(request).announcement_in(translation.get_language())
    return {"announcement": shown[0], "lang": shown[1]} if shown else None


@register.simple_tag
def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


@register.filter
def default_of(languages):
    """The source language's entry (x-default), if the page is published in it."""
    return next((lang for lang in languages if lang["code"] == settings.LANGUAGE_CODE), None)


OG_LOCALES = {
    "en": "en_GB",
    "ja": "ja_JP",
    "zh-hans": "zh_CN",
    "ko": "ko_KR",
    "de": "de_DE",
    "id": "id_ID",
}


@register.simple_tag
def og_locale():
    """The page's language as OpenGraph writes it (territory included)."""
    language = current_language()
    return OG_LOCALES.get(language, language.replace("-", "_"))
