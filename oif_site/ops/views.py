"""The 500 page with the request id a reader can quote, and the error probe that proves
error reporting works after a deploy (allowlist only)."""

from django.http import Http404, HttpResponseServerError
from django.template import loader

from .access import client_allowed


class ErrorProbe(Exception):
    """Raised on purpose by /ops/error-probe/ to check that error reports arrive."""


def server_error(request):
    """Django's server_error, plus the request id; still no request context or database."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"request_id": getattr(request, "request_id", "")})
    )


def error_probe(request):
    if not client_allowed(request):
        raise Http404
    raise ErrorProbe("error probe: this failure was requested, to check error reports")
