"""The whole-page cache: anonymous GET/HEAD responses of public pages, kept in the shared cache
(Redis in production) by Django's cache middleware, and marked for proxies and CDNs.

Purging works by version: every path has a version token in the cache, part of the key its
responses are stored under. `purge_paths()` gives the paths new tokens, so every variant of
them (gzip or not, any query string) is unreachable at once; a render that started before the
purge stores its response under the old token, where nobody looks. What to purge is decided in
one place, `oif_site/caching.py`.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.cache import CacheMiddleware
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe

KEY_PREFIX = "pagecache"
SITE_VERSION_KEY = f"{KEY_PREFIX}:site"
# Never served from the cache nor stored: the admin, previews and review links, documents
# (their collections may be private).
PRIVATE_PATHS = re.compile(r"^/(admin|django-admin|review|documents)(/|$)")
GZIP = re.compile(r"\bgzip\b")


def cache():
    return caches["default"]


def _version_key(path):
    return f"{KEY_PREFIX}:path:{hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()}"


def _new_token():
    return str(time.time_ns())


def key_prefix(path):
    """The prefix this path's responses are stored under now: the site's and the path's
    versions. A version missing (evicted) gets a new token, never a default one, so an old
    entry can never come back."""
    keys = [SITE_VERSION_KEY, _version_key(path)]
    found = cache().get_many(keys)
    for key in keys:
        if key not in found:
            cache().add(key, _new_token(), None)
            found[key] = cache().get(key)
    return f"{KEY_PREFIX}.{found[keys[0]]}.{found[keys[1]]}"


def purge_paths(paths):
    """Make every stored response of these paths unreachable, in one round trip."""
    token = _new_token()
    cache().set_many({_version_key(path): f"{token}-{n}" for n, path in enumerate(paths)}, None)


def purge_everything():
    cache().set(SITE_VERSION_KEY, _new_token(), None)


def is_anonymous_request(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_cacheable_request(request):
    """Anonymous GET or HEAD of a public path. Search is cached only without a query."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if PRIVATE_PATHS.match(request.path) or not is_anonymous_request(request):
        return False
    if request.path.startswith(settings.MEDIA_URL):
        return False  # files keep their own headers (immutable renditions); not worth Redis
    return not (request.path == "/search/" and request.META.get("QUERY_STRING"))


def is_storable(response):
    if response.status_code != 200 or response.cookies or has_vary_header(response, "*"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if response.streaming:
        length = response.get("Content-Length")
        return length is not None and int(length) <= settings.PAGE_CACHE_MAX_BYTES
    return True


def materialise(response):
    """A file response (the edition PDF) as bytes, so that it can be stored."""
    if not response.streaming:
        return response
    stored = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for header, value in response.items():
        stored[header] = value
    # Close the file only: the response that replaces it sends request_finished when the
    # server is done with it (a second signal would close the database connection mid-request).
    for closer in response._resource_closers:
        closer()
    response._resource_closers.clear()
    return stored


class PageCacheMiddleware(CacheMiddleware):
    """Django's cache middleware, for anonymous readers only, with per-path versions.

    Placed after whitenoise and before GZipMiddleware, so that it stores compressed bytes.
    Requests for it carry no cookies: other cookies than the session's mean nothing to a public
    page (Varnish strips them too), and keeping them would split the cache per reader."""

    def __init__(self, get_response):
        super().__init__(get_response, page_timeout=settings.PAGE_CACHE_SECONDS)

    def process_request(self, request):
        if not is_cacheable_request(request):
            request._cache_update_cache = False
            return None
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        encoding = request.META.pop("HTTP_ACCEPT_ENCODING", "")
        if GZIP.search(encoding):
            request.META["HTTP_ACCEPT_ENCODING"] = "gzip"  # one variant per encoding
        request._page_cache_prefix = prefix = key_prefix(request.path)
        response = None
        for method in ("GET", "HEAD") if request.method == "HEAD" else ("GET",):
            key = get_cache_key(request, prefix, method, cache=self.cache)
            response = self.cache.get(key) if key else None
            if response is not None:
                break
        if response is None:
            request._cache_update_cache = True
            return None
        request._cache_update_cache = False
        # Revalidation still works from the cache: an unchanged PDF answers 304.
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        response = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
        response["X-Page-Cache"] = "hit"
        return response

    def process_response(self, request, response):
        prefix = getattr(request, "_page_cache_prefix", None)
        if prefix is None or not is_storable(response):
            if not response.has_header("Cache-Control"):
                # Not for shared caches: a logged-in reader's page, the admin, a 404 (an
                # unreleased edition's address answers one until its release), a redirect.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if not getattr(request, "_cache_update_cache", False):
            return response  # served from the cache
        timeout = settings.PAGE_CACHE_SECONDS
        patch_cache_control(response, public=True, s_maxage=timeout)
        if "max-age" not in response["Cache-Control"]:
            patch_cache_control(response, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        response = materialise(response)
        key = learn_cache_key(request, response, timeout, prefix, cache=self.cache)
        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(lambda r: self.cache.set(key, r, timeout))
        else:
            self.cache.set(key, response, timeout)
        return response
