"""Who may see operational detail: staff, or a client address in OPS_ALLOWED_IPS."""

import ipaddress
from functools import lru_cache

from django.conf import settings

from oif_site.logins import client_ip


@lru_cache(maxsize=8)
def _networks(allowed):
    return tuple(ipaddress.ip_network(item, strict=False) for item in allowed)


def client_allowed(request):
    """The reader's own address. Relayed by a proxy (X-Forwarded-For), the peer is the proxy,
    not the reader: only a proxy in TRUSTED_PROXIES is believed about who it relays, as for
    sign-in lock-outs; a request it relays for nobody but itself is refused."""
    remote = request.META.get("REMOTE_ADDR", "")
    address = remote
    if "HTTP_X_FORWARDED_FOR" in request.META:
        address = client_ip(request)
        if address == remote:  # an untrusted proxy, or a chain of trusted ones only
            return False
    try:
        address = ipaddress.ip_address(address)
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
