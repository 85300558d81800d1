"""Response headers the site sets on every answer: the Content-Security-Policy (the public one,
or the admin's looser one where Wagtail needs it) and the Permissions-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path):
    return path.startswith(tuple(settings.ADMIN_CSP_PATH_PREFIXES))


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's paths."""

    def process_response(self, request, response):
        # Wagtail renders previews through the middleware with a stand-in request for the
        # page's own URL: the policy is the one of the real request (admin or review link).
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            return PolicyParts(
                default_config(settings.ADMIN_CSP_DIRECTIVES),
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts


class PermissionsPolicyMiddleware:
    """Turns off the browser features no page of the site uses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
