"""Who may see operational detail: staff, or a client address in OPS_ALLOWED_IPS."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(allowed):
    return tuple(ipaddress.ip_network(item, strict=False) for item in allowed)


def client_allowed(request):
    """The direct peer only (REMOTE_ADDR), and only when no proxy relayed the request: through
    Varnish or nginx (which add X-Forwarded-For) the peer is the proxy, not the reader."""
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in net for net in _networks(tuple(settings.OPS_ALLOWED_IPS)))


def may_see_detail(request):
    if client_allowed(request):
        return True
    try:  # the session and the user live in the database, which may be the failing part
        user = request.user
        return bool(user.is_authenticated and user.is_staff)
    except Exception:
        return False
