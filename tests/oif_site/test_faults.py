"""Faults survived, with gunicorn and production settings against our own PostgreSQL and
Redis, which the tests stop and start again: a database outage is a styled 503 with
Retry-After and the site recovers by itself; a Redis outage only means uncached pages."""

import time
import urllib.error
import urllib.request

import pytest

from tests.browser.server import SiteServer
from tests.oif_site.services import OwnPostgres, OwnRedis

pytestmark = pytest.mark.stack


def site_root_paths_cached(redis):
    """Wagtail caches the site's root paths on every page view (key :<version>:…)."""
    return any(redis.client().scan_iter(match="*wagtail_site_root_paths"))


def fetch(url):
    """(status, headers, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def services():
    postgres = OwnPostgres().start().create_database()
    redis = OwnRedis().start()
    yield postgres, redis
    redis.remove()
    postgres.remove()


@pytest.fixture(scope="module")
def site(services):
    postgres, redis = services
    server = SiteServer("faults")
    server._pg_name = None  # its database is on our own server, created above
    server.env.update(DATABASE_URL=postgres.url, REDIS_URL=redis.url)
    server.prepare().start()
    yield server
    server.stop()


def test_database_down_is_a_styled_503_and_the_site_recovers_by_itself(site, services):
    postgres, _redis = services
    edition = f"{site.url}/annual-reports/2020/"
    assert fetch(edition)[0] == 200

    postgres.stop()
    try:
        for url in (edition, f"{site.url}/", f"{site.url}/search/?q=zuul"):
            status, headers, body = fetch(url)
            assert status == 503, (url, status)
            assert headers["Retry-After"] == "30"
            assert "briefly unavailable" in body and "/static/css/" in body  # styled
            assert "Traceback" not in body and "OperationalError" not in body
    finally:
        postgres.start()

    status, _headers, body = fetch(edition)  # the same gunicorn, never restarted
    assert status == 200 and "Chairman" in body


def test_redis_down_serves_pages_uncached_and_caching_resumes(site, services):
    _postgres, redis = services
    assert fetch(f"{site.url}/")[0] == 200
    assert site_root_paths_cached(redis)

    redis.stop()
    try:
        for path in ("/", "/annual-reports/2020/", "/projects/", "/search/?q=kata"):
            status, _headers, body = fetch(f"{site.url}{path}")
            assert status == 200, (path, status)
            assert "OpenInfra" in body
    finally:
        redis.start()  # empty: nothing cached

    assert not site_root_paths_cached(redis)
    deadline = time.monotonic() + 30  # each worker thread retries Redis after 5 s
    while time.monotonic() < deadline and not site_root_paths_cached(redis):
        assert fetch(f"{site.url}/")[0] == 200
        time.sleep(0.5)
    assert site_root_paths_cached(redis)
