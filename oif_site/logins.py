"""Sign-in protection (django-axes): who is signing in, from where, and what a locked-out
person is told."""

import ipaddress
import logging

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("oif_site.logins")


def _trusted_proxies():
    return [ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES]


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, unless it is a trusted proxy; then the right-most
    X-Forwarded-For entry that is not one (entries further left are the client's to forge)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_proxies()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for address in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a malformed entry: the proxy's own address is all we know
    return remote


def lockout_response(request, original_response=None, credentials=None):
    """The page shown during a lock-out: when to try again, with Retry-After."""
    cool_off = settings.AXES_COOLOFF_TIME
    retry_at = timezone.localtime(timezone.now() + cool_off)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    logger.warning(
        "Sign-in locked out: %s failed attempts for %r from %s; refused until %s",
        settings.AXES_FAILURE_LIMIT,
        (credentials or {}).get("username") or request.POST.get("username", ""),
        client_ip(request),
        retry_at.isoformat(timespec="minutes"),
    )
    response = render(
        request,
        "oif_site/lockout.html",
        {"retry_at": retry_at, "minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
