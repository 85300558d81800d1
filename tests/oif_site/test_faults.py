"""The database down, with gunicorn started the production way against a PostgreSQL of our
own: visitors get the styled 503 with Retry-After, and the same gunicorn recovers by itself
when the database returns. (Redis down: tests/ops/test_stack_site.py.)"""

import urllib.error
import urllib.request

import pytest

from tests.ops.processes import OpsSite, OwnPostgres, get, wait_until

pytestmark = pytest.mark.stack

EDITION = "/annual-reports/2020/"


@pytest.fixture(scope="module")
def site():
    postgres = OwnPostgres().start()
    server = OpsSite("faults", DATABASE_URL=postgres.url)
    try:
        postgres.create_database()
        server.prepare().start()
        server.postgres = postgres
        yield server
    finally:
        server.stop()
        postgres.remove()


def test_database_down_is_a_styled_503_and_the_site_recovers_by_itself(site):
    assert get(f"{site.url}/")[0] == 200
    gunicorn = site.process.pid

    site.postgres.stop()
    try:
        # Pages never asked for before: none can come from the page cache.
        for path in (EDITION, "/projects/", "/search/?q=zuul"):
            status, body = get(f"{site.url}{path}", timeout=30)
            assert status == 503, (path, status, body[:300])
            assert "briefly unavailable" in body
            assert "Traceback" not in body and "OperationalError" not in body
            assert "Error 500" not in body
        headers = _headers(f"{site.url}{EDITION}")
        assert headers["Retry-After"] == "30"
        assert headers["Cache-Control"] == "no-store"  # no cache or proxy keeps the outage
        stylesheet = _stylesheet(body)
        assert get(f"{site.url}{stylesheet}")[0] == 200  # styled, even with no database
    finally:
        site.postgres.start()

    assert wait_until(lambda: get(f"{site.url}{EDITION}")[0] == 200, timeout=30)
    status, body = get(f"{site.url}{EDITION}")
    assert status == 200 and "Chairman" in body
    assert site.process.pid == gunicorn and site.process.poll() is None  # never restarted


def _headers(url):
    try:
        urllib.request.urlopen(url, timeout=30)
    except urllib.error.HTTPError as error:
        return error.headers
    raise AssertionError(f"{url} answered without an error")


def _stylesheet(html):
    start = html.index('rel="stylesheet" href="') + len('rel="stylesheet" href="')
    return html[start : html.index('"', start)]
