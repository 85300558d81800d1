"""Pages as an anonymous visitor gets them: each URL goes through the whole middleware stack,
in process, with the site's public address as host."""

from django.core.handlers.base import BaseHandler
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import RequestFactory


class SiteRenderer:
    def __init__(self, site):
        default_port = 443 if site.port == 443 else 80
        self.host = site.hostname if site.port == default_port else f"{site.hostname}:{site.port}"
        self.secure = site.port == 443
        self.factory = RequestFactory()
        self.handler = BaseHandler()
        self.handler.load_middleware()

    def get(self, path):
        """(status, body bytes) of an anonymous GET of `path`."""
        request = self.factory.get(path, HTTP_HOST=self.host, secure=self.secure)
        # One export is one unit of work: closing the database connection after each page (as
        # a finished request does) would end the caller's transaction, as Django's test client
        # also avoids.
        request_finished.disconnect(close_old_connections)
        try:
            response = self.handler.get_response(request)
            try:
                body = b"".join(response) if response.streaming else response.content
            finally:
                response.close()
        finally:
            request_finished.connect(close_old_connections)
        return response.status_code, body
