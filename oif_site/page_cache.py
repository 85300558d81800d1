"""The whole-page cache: anonymous GET/HEAD responses of public pages, kept in the shared cache
(Redis in production) and marked for proxies and CDNs.

Purging works by version: the site and every path have a version token in the cache, and each
stored response carries the tokens it was rendered under. `purge_paths()` gives the paths new
tokens, so every variant of them (gzip or not, any query string) no longer matches at once; a
render that started before the purge stores its response with the old tokens, and nobody is
served it. A lookup reads the two tokens and the response in one round trip (MGET). What to
purge is decided in one place, `oif_site/caching/`.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe

KEY_PREFIX = "pagecache"
SITE_VERSION_KEY = f"{KEY_PREFIX}:site"
# Never served from the cache nor stored: the admin, previews and review links, documents
# (their collections may be private), and the probes, which must not even touch Redis.
PRIVATE_PATHS = re.compile(
    r"^/(admin|django-admin|review|documents|healthz|readyz|version|metrics|ops)(/|$)"
)
GZIP = re.compile(r"\bgzip\b")
# The search page of every language: /search/, /ja/search/, /zh-hans/search/.
SEARCH_PATH = re.compile(r"^(/[a-z]{2}(-[a-z]+)?)?/search/$")
KEYED_HEADERS = {"cookie", "accept-encoding"}
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def cache():
    return caches["default"]


def _version_key(path):
    return f"{KEY_PREFIX}:path:{hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()}"


def _new_token():
    return str(time.time_ns())


def _entry_key(request, method):
    """One key per URL (query string included), method and encoding: cookies are stripped and
    Accept-Encoding reduced to gzip or nothing before this (PageCacheMiddleware), and a
    response that varies on anything else is never stored (is_storable)."""
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return f"{KEY_PREFIX}:entry:{method}:{encoding}:{url}"


def lookup(request):
    """(the versions of the site and the path now, the stored response rendered under them or
    None), in one round trip. A version missing (evicted) gets a new token, never a default
    one, so an old entry can never come back."""
    version_keys = [SITE_VERSION_KEY, _version_key(request.path)]
    methods = ("HEAD", "GET") if request.method == "HEAD" else ("GET",)
    entry_keys = [_entry_key(request, method) for method in methods]
    found = cache().get_many(version_keys + entry_keys)
    versions = []
    for key in version_keys:
        token = found.get(key)
        if token is None:
            cache().add(key, _new_token(), None)
            token = cache().get(key)
        versions.append(token)
    versions = tuple(versions)
    for key in entry_keys:
        entry = found.get(key)
        if entry is not None and entry[0] == versions:
            return versions, entry
    return versions, None


def store(request, response, versions, timeout):
    """Keep the response's status, headers and bytes (a tuple: no response object pickled)
    with the versions it was rendered under."""
    # The route name rides along: a hit is counted under it (bounded labels).
    match = request.resolver_match
    route = match.view_name if match is not None else None
    entry = (versions, response.status_code, dict(response.items()), response.content, route)
    cache().set(_entry_key(request, request.method), entry, timeout)


def response_from(entry):
    _versions, status, headers, content, route = entry
    response = HttpResponse(content, status=status, headers=headers)
    response.page_cache_route = route
    return response


def purge_paths(paths):
    """Make every stored response of these paths unreachable, in one round trip; False when
    the cache did not take the new versions (Redis down: the cache fails soft)."""
    token = _new_token()
    versions = {_version_key(path): f"{token}-{n}" for n, path in enumerate(paths)}
    cache().set_many(versions, None)
    return not versions or bool(cache().get_many(list(versions)[:1]))


def purge_everything():
    cache().set(SITE_VERSION_KEY, _new_token(), None)


def is_anonymous_request(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_cacheable_request(request):
    """Anonymous GET or HEAD of a public path. Search (in any language) is cached only without
    a query."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if PRIVATE_PATHS.match(request.path) or not is_anonymous_request(request):
        return False
    if request.path.startswith(settings.MEDIA_URL):
        return False  # files keep their own headers (immutable renditions); not worth Redis
    return not (SEARCH_PATH.match(request.path) and request.META.get("QUERY_STRING"))


def vary_headers(response):
    return [h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()]


def is_storable(response):
    if response.status_code != 200 or response.cookies or has_vary_header(response, "*"):
        return False
    if not set(vary_headers(response)) <= KEYED_HEADERS:
        return False  # the entry's key knows the encoding only (and there are no cookies)
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


class PageCacheMiddleware:
    """The cache for anonymous readers only, with per-path versions.

    Placed after whitenoise and before GZipMiddleware, so that it stores compressed bytes; a
    hit returns before the session, authentication, CSRF, messages and CSP middleware run
    (none of them matters to a reader without a session, and the stored response already
    carries the CSP header). Requests for it carry no cookies: other cookies than the
    session's mean nothing to a public page (Varnish strips them too), and keeping them would
    split the cache per reader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.process_request(request)
        if response is not None:
            return response
        return self.process_response(request, self.get_response(request))

    def process_request(self, request):
        if not is_cacheable_request(request):
            return None
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        encoding = request.META.pop("HTTP_ACCEPT_ENCODING", "")
        if GZIP.search(encoding):
            request.META["HTTP_ACCEPT_ENCODING"] = "gzip"  # one variant per encoding
        request._page_cache_versions, entry = lookup(request)
        if entry is None:
            return None
        response = response_from(entry)
        request.page_cache_route = response.page_cache_route  # for metrics
        if any(header in request.META for header in CONDITIONAL_HEADERS):
            # Revalidation still works from the cache: an unchanged PDF answers 304.
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            response = get_conditional_response(
                request, etag=response.get("ETag"), last_modified=last_modified, response=response
            )
        response["X-Page-Cache"] = "hit"
        return response

    def process_response(self, request, response):
        versions = getattr(request, "_page_cache_versions", None)
        if versions is None or not is_storable(response):
            if not response.has_header("Cache-Control"):
                # Not for shared caches: a logged-in reader's page, the admin, a 404 (an
                # unreleased edition's address answers one until its release), a redirect.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        timeout = settings.PAGE_CACHE_SECONDS
        patch_cache_control(response, public=True, s_maxage=timeout)
        if "max-age" not in response["Cache-Control"]:
            patch_cache_control(response, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        response = materialise(response)
        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(lambda r: store(request, r, versions, timeout))
        else:
            store(request, response, versions, timeout)
        return response
