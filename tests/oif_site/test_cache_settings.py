"""The page cache and the front cache it purges are configured from the environment."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "from wagtail.contrib.frontend_cache.utils import get_backends; "
    "print(json.dumps({'backends': {n: type(b).__name__ for n, b in get_backends().items()},"
    " 'middleware': s.MIDDLEWARE, 'seconds': s.PAGE_CACHE_SECONDS, 'cache': s.CACHES}))"
)
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "oif_site.settings.production",
    "SECRET_KEY": "s" * 50,
    "ALLOWED_HOSTS": "report.openinfra.dev",
}


def run(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTEND", "PAGE_CACHE"))}
    clean.update(PRODUCTION, **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_every_varnish_listed_is_purged_and_the_page_cache_keeps_compressed_pages():
    result = run(
        FRONTEND_CACHE="http",
        FRONTEND_CACHE_LOCATION="http://varnish-1:80, http://varnish-2:80",
        PAGE_CACHE_SECONDS="600",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["backends"] == {"proxy0": "HTTPBackend", "proxy1": "HTTPBackend"}
    assert shown["seconds"] == 600
    cache = shown["cache"]["default"]
    # django-redis (counted for /metrics), failing soft: Redis down serves pages uncached.
    assert cache["BACKEND"] == "oif_site.ops.cache.DjangoRedisCache"
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert cache["OPTIONS"]["SOCKET_TIMEOUT"] == 0.5
    middleware = shown["middleware"]
    assert middleware.index("oif_site.page_cache.PageCacheMiddleware") + 1 == middleware.index(
        "django.middleware.gzip.GZipMiddleware"
    )


def test_cloudflare_and_cloudfront_take_their_own_variables():
    cloudflare = run(
        FRONTEND_CACHE="cloudflare", CLOUDFLARE_BEARER_TOKEN="t", CLOUDFLARE_ZONE_ID="z"
    )
    assert json.loads(cloudflare.stdout)["backends"] == {"cloudflare": "CloudflareBackend"}
    cloudfront = run(FRONTEND_CACHE="cloudfront", CLOUDFRONT_DISTRIBUTION_ID="E123")
    assert json.loads(cloudfront.stdout)["backends"] == {"cloudfront": "CloudfrontBackend"}


def test_an_unknown_front_cache_is_refused_by_name():
    result = run(FRONTEND_CACHE="akamai")
    assert result.returncode != 0
    assert "FRONTEND_CACHE must be one of http, cloudflare, cloudfront: not 'akamai'" in (
        result.stderr
    )


def test_no_front_cache_by_default():
    assert json.loads(run().stdout)["backends"] == {}
