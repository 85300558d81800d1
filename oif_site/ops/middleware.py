"""One middleware per request: its id, one JSON log line, the request metrics."""

import re
import time
import uuid

import sentry_sdk
import structlog
from django.conf import settings
from django.db import connection

from .metrics import PAGE_CACHE, REQUESTS, SQL_QUERIES

logger = structlog.get_logger("oif_site.request")
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# A route whose URL carries a secret is logged by its pattern, never by its path.
SECRET_KWARGS = {"token", "uidb64"}
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def request_id_from(request):
    incoming = request.headers.get("X-Request-ID", "")
    return incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def route_of(request):
    """The URL pattern's name: a bounded label. A page-cache hit never reaches the resolver;
    the page cache kept the name of the route that rendered it."""
    match = request.resolver_match
    if match is not None:
        return match.view_name or "<unnamed>"
    cached = getattr(request, "page_cache_route", None)
    if cached:
        return cached
    if request.path.startswith(settings.STATIC_URL):
        return "<static>"
    return "<unresolved>"


def logged_path(request):
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_KWARGS & set(match.kwargs):
        return "/" + match.route
    return request.path


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.sentry = bool(settings.SENTRY_DSN)

    def __call__(self, request):
        if getattr(request, "is_dummy", False):
            # Wagtail's preview request, run inside the real one (review links): counted once.
            return self.get_response(request)
        request_id = request_id_from(request)
        request.request_id = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        if self.sentry:
            sentry_sdk.set_tag("request_id", request_id)
        counter = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        duration = time.perf_counter() - started
        response["X-Request-ID"] = request_id
        route = route_of(request)
        method = request.method if request.method in METHODS else "OTHER"
        REQUESTS.labels(route, method, str(response.status_code)).observe(duration)
        SQL_QUERIES.labels(route).observe(counter.count)
        if "X-Page-Cache" in response:
            PAGE_CACHE.labels(route, "hit").inc()
        elif getattr(request, "_page_cache_versions", None) is not None:  # looked up, not found
            PAGE_CACHE.labels(route, "miss").inc()
        fields = {
            "method": method,
            "route": route,
            "path": logged_path(request),
            "status": response.status_code,
            "duration_ms": round(duration * 1000, 1),
            "sql_queries": counter.count,
        }
        if request.path.startswith(ADMIN_PREFIXES):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                fields["user_id"] = user.pk
        logger.info("request", **fields)
        return response
