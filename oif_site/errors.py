"""A database that cannot be reached is an outage, not a bug: visitors get a styled 503 with
Retry-After instead of the 500 page, and the next request tries the database again."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader

from oif_site.ops.views import server_error as ops_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request):
    """handler500: Django calls it while handling the exception, so sys.exc_info() is it."""
    error = sys.exc_info()[1]
    if not isinstance(error, UNAVAILABLE):
        return ops_server_error(request)
    logger.warning("Database unavailable, answering 503: %s", error)
    # Rendered without a request context: the context processors would query the database.
    response = HttpResponseServerError(
        loader.get_template("503.html").render({"request_id": getattr(request, "request_id", "")})
    )
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
