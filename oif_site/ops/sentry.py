"""Error reports to Sentry, only when SENTRY_DSN is set; never personal data."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from .version import git_commit

DROPPED_HEADERS = {"cookie", "authorization", "x-csrftoken"}


def strip_request(event, hint):
    """Belt and braces over send_default_pii=False: no cookie, header secret or form body."""
    request = event.get("request")
    if request:
        request.pop("cookies", None)
        request.pop("data", None)
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() not in DROPPED_HEADERS}
    return event


def init_sentry(dsn, environment):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=git_commit(),
        send_default_pii=False,
        integrations=[DjangoIntegration()],
        before_send=strip_request,
        traces_sample_rate=0.0,
    )
