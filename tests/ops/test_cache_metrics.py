"""App-cache reads (django-redis, as in production), page-cache hits and misses by route, purges
sent and failed per target, and readiness: counted in what /metrics really answers."""

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.test import Client

from base.models import Heartbeat
from oif_site import caching
from tests.browser.server import free_port
from tests.stack.processes import RedisServer

pytestmark = pytest.mark.django_db
EDITION = "/annual-reports/2020/"


@pytest.fixture(autouse=True)
def allowlist(settings):
    settings.OPS_ALLOWED_IPS = ["127.0.0.1"]


@pytest.fixture
def closed_port():
    """A port held by a socket that never listens: whatever connects there is refused."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


@pytest.fixture
def redis_down(closed_port, request):
    """A fresh address each time (django-redis keeps a connection pool per address)."""
    return f"redis://127.0.0.1:{closed_port}/{len(request.node.name) % 16}"


@pytest.fixture(scope="module")
def redis():
    server = RedisServer().start()
    yield server
    server.stop()


def django_redis(location):
    return {
        "default": {
            "BACKEND": "oif_site.ops.cache.DjangoRedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def metrics():
    return Client().get("/metrics").content.decode()


def sample(body, name, **labels):
    """The value of one sample (0 when absent), labels in any order."""
    for line in body.splitlines():
        match = re.fullmatch(rf"{re.escape(name)}(?:\{{(.*)\}})? ([0-9.e+-]+)", line)
        if match and dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or "")) == labels:
            return float(match.group(2))
    return 0.0


def test_django_redis_reads_are_counted_as_hits_and_misses(settings, redis):
    settings.PAGE_CACHE_SECONDS = 0  # only the test's own reads
    settings.CACHES = django_redis(redis.url)
    before = metrics()
    assert cache.get("ops-absent") is None
    cache.set("ops-present", "value")
    assert cache.get("ops-present") == "value"
    assert cache.get_many(["ops-present", "ops-absent", "ops-absent-2"]) == {"ops-present": "value"}
    after = metrics()
    hits = "oif_app_cache_hits_total"
    misses = "oif_app_cache_misses_total"
    assert sample(after, hits, cache="redis") - sample(before, hits, cache="redis") == 2
    assert sample(after, misses, cache="redis") - sample(before, misses, cache="redis") == 3


def test_page_cache_hits_and_misses_are_counted_under_the_route_name(settings, redis):
    settings.CACHES = django_redis(redis.url)
    cache.clear()
    before = metrics()
    for _ in range(3):
        assert Client().get(EDITION).status_code == 200
    after = metrics()
    lookups = "oif_page_cache_lookups_total"

    def delta(name, **labels):
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert delta(lookups, route="wagtail_serve", result="miss") == 1
    assert delta(lookups, route="wagtail_serve", result="hit") == 2
    served = "oif_http_request_duration_seconds_count"
    assert delta(served, method="GET", route="wagtail_serve", status="200") == 3
    assert delta(served, method="GET", route="<unresolved>", status="200") == 0
    assert EDITION not in after


def test_a_page_cache_purge_with_redis_down_is_counted_failed(settings, redis_down):
    # Known gap: run after the next test in the same process this saw no failure; to find out.
    settings.CACHES = django_redis(redis_down)
    settings.WAGTAILFRONTENDCACHE = {}
    before = metrics()
    caching.purge_paths({EDITION})
    after = metrics()
    failed = "oif_cache_purges_failed_total"
    assert (
        sample(after, failed, target="page-cache") - sample(before, failed, target="page-cache")
        == 1
    )


def test_with_redis_down_pages_are_served_uncached_and_counted_as_misses(settings, redis_down):
    settings.CACHES = django_redis(redis_down)
    before = metrics()
    for _ in range(2):
        response = Client().get(EDITION)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    after = metrics()
    lookups = "oif_page_cache_lookups_total"
    miss = {"route": "wagtail_serve", "result": "miss"}
    assert sample(after, lookups, **miss) - sample(before, lookups, **miss) == 2
    assert sample(after, "oif_readiness", component="database") == 1


class Proxy(BaseHTTPRequestHandler):
    """A caching proxy's PURGE endpoint that accepts (200) or refuses (405) every purge."""

    status = 200

    def do_PURGE(self):
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxies():
    servers = {}
    for name, status in (("accepting", 200), ("refusing", 405)):
        server = ThreadingHTTPServer(("127.0.0.1", free_port()), Proxy)
        server.status = status
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    yield servers
    for server in servers.values():
        server.shutdown()
        server.server_close()


def test_purges_sent_and_failed_are_counted_per_target(settings, proxies, closed_port):
    backend = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    settings.WAGTAILFRONTENDCACHE = {
        name: {"BACKEND": backend, "LOCATION": f"http://127.0.0.1:{server.server_port}"}
        for name, server in proxies.items()
    } | {"gone": {"BACKEND": backend, "LOCATION": f"http://127.0.0.1:{closed_port}"}}
    paths = {EDITION, "/sitemap.xml", "/feeds/annual-reports.atom"}
    before = metrics()
    caching.purge_paths(paths)
    after = metrics()

    def delta(name, target):
        return sample(after, name, target=target) - sample(before, name, target=target)

    for target in ("page-cache", "accepting", "refusing", "gone"):
        assert delta("oif_cache_purges_sent_total", target) == 3, target
    assert delta("oif_cache_purges_failed_total", "page-cache") == 0
    assert delta("oif_cache_purges_failed_total", "accepting") == 0
    assert delta("oif_cache_purges_failed_total", "refusing") == 3  # 405
    assert delta("oif_cache_purges_failed_total", "gone") == 3  # nothing listens


def test_readiness_is_exported_per_component_at_each_scrape(settings):
    settings.OPS_HEARTBEATS = ["worker"]
    settings.OPS_HEARTBEAT_MAX_AGE = 60
    body = metrics()
    assert sample(body, "oif_readiness", component="database") == 1
    assert sample(body, "oif_readiness", component="migrations") == 1
    assert sample(body, "oif_readiness", component="storage") == 1
    assert 'oif_readiness{component="heartbeat:worker"} 0.0' in body  # never beat
    Heartbeat.beat("worker")
    assert sample(metrics(), "oif_readiness", component="heartbeat:worker") == 1
