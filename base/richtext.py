"""Rich-text links to pages without a query per block.

Wagtail's page link handler looks up the pages of each rich text value on its own: an edition
page with forty sections would run a query for every text block that links to a page. Here a
per-request cache answers instead; `preload_page_links` fills it for whole StreamFields in
one query, and any page it does not hold is fetched (and kept) as Wagtail would.
"""

import contextlib
import contextvars
from collections.abc import Iterable, Mapping

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

_cache = contextvars.ContextVar("page_link_cache", default=None)


@contextlib.contextmanager
def page_link_cache():
    """Page links resolved inside share one lookup cache (a request, a PDF build)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


class PageLinkCacheMiddleware:
    """One page-link cache per request, dropped when the response is rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with page_link_cache():
            return self.get_response(request)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, Iterable):  # lists, and StreamValue's raw data view
        for item in value:
            yield from _strings(item)


def linked_page_ids(raw_data):
    """The ids of the pages that the rich text in this raw StreamField data links to."""
    ids = set()
    for text in _strings(raw_data):
        if 'linktype="page"' not in text:
            continue
        for match in FIND_A_TAG.finditer(text):
            attrs = extract_attrs(match.group(1))
            if attrs.get("linktype") == "page" and str(attrs.get("id", "")).isdigit():
                ids.add(int(attrs["id"]))
    return ids


def _remember(ids):
    cache = _cache.get()
    missing = {i for i in ids if i not in cache}
    if missing:
        # With its locale: a link's address has its language's prefix (/ja/…).
        found = Page.objects.select_related("locale").in_bulk(missing)
        for page_id in missing:
            cache[page_id] = found.get(page_id)
    return cache


def preload_page_links(stream_values):
    """Fetch every page these StreamValues link to, in one query (inside a page-link cache)."""
    if _cache.get() is None:
        return
    ids = set()
    for value in stream_values:
        ids |= linked_page_ids(getattr(value, "raw_data", value))
    if ids:
        _remember(ids)


def cached_pages(ids):
    """[page or None for each id], from the page-link cache; None when there is no cache."""
    if _cache.get() is None:
        return None
    cache = _remember({int(i) for i in ids if str(i).isdigit()})
    return [cache.get(int(i)) if str(i).isdigit() else None for i in ids]


def localized_pages(pages):
    """Each page in the reader's language where it has a live translation, else itself, as
    Wagtail's `page.localized` decides, without its query per link: the pages already in
    that language (the usual case) cost nothing, the others are looked up together and kept
    in the page-link cache."""
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return list(pages)
    wanted = {
        p.translation_key for p in pages if p is not None and p.locale.language_code != language
    }
    cache = _cache.get()
    cache = {} if cache is None else cache
    missing = {key for key in wanted if ("translation", key, language) not in cache}
    if missing:
        found = {
            page.translation_key: page
            for page in Page.objects.filter(
                translation_key__in=missing, locale__language_code=language, live=True
            ).select_related("locale")
        }
        for key in missing:
            cache[("translation", key, language)] = found.get(key)
    return [
        cache.get(("translation", p.translation_key, language)) or p
        if p is not None and p.translation_key in wanted
        else p
        for p in pages
    ]
