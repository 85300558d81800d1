"""/readyz against real dependencies: its own PostgreSQL and Redis, broken one at a time,
while /healthz stays 200; a stopped worker turns it to 503 after the interval."""

import json
import shutil
import signal
import urllib.error
import urllib.request

import pytest

from tests.browser.server import EDITION_2020
from tests.stack.processes import RedisServer

from .processes import OpsSite, OwnPostgres, get, wait_until

pytestmark = pytest.mark.stack
MAX_AGE = 8
EDITION = "/annual-reports/2020/"
SECTION = "/annual-reports/2020/project-updates/zuul/"


@pytest.fixture(scope="module")
def stack():
    postgres = OwnPostgres().start()
    redis = RedisServer().start()
    site = OpsSite(
        "ready",
        DATABASE_URL=postgres.url,
        REDIS_URL=redis.url,
        OPS_HEARTBEAT_MAX_AGE=str(MAX_AGE),
    )
    try:
        postgres.create_database()
        site.manage("migrate", "--no-input")
        site.manage("collectstatic", "--no-input")
        site.manage("setup_site")
        site.manage("load_edition", str(EDITION_2020))
        site.worker = site.run_beside("run_worker", "--heartbeat-interval", "1", "--interval", "1")
        site.run_beside("release_editions", "--watch", "--interval", "1")
        site.start()
        site.postgres, site.redis = postgres, redis
        yield site
    finally:
        site.stop()
        redis.stop()
        postgres.remove()


def page(site, path=EDITION):
    """(status, body, X-Page-Cache) of an anonymous reader's visit."""
    request = urllib.request.Request(f"{site.url}{path}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode()
            return response.status, body, response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, "", None


def readiness(site):
    status, body = get(f"{site.url}/readyz")
    return status, (json.loads(body) if body.startswith("{") else {})


def failing(site, expected, timeout=20):
    """Waits until /readyz reports exactly `expected` failing (an empty list: ready)."""

    def check():
        status, body = readiness(site)
        return status == (503 if expected else 200) and body.get("failing") == expected

    return wait_until(check, timeout=timeout, step=0.5)


def alive(site):
    return get(f"{site.url}/healthz")[0] == 200


def test_ready_with_every_dependency_up(stack):
    assert failing(stack, []), readiness(stack)
    assert readiness(stack)[1]["components"]["redis"] == "ok"


def test_redis_down_is_named_and_recovers(stack):
    stack.redis.stop()
    try:
        assert failing(stack, ["redis"]), readiness(stack)
        assert alive(stack)
    finally:
        stack.redis.start()
    assert failing(stack, []), readiness(stack)


def test_redis_down_pages_are_served_uncached_and_caching_resumes(stack):
    """Issue #9: with Redis down readers still get every page, uncached and without an error;
    once it is back, pages are kept again."""
    assert wait_until(lambda: page(stack)[2] == "hit", timeout=30)
    stack.redis.stop()
    try:
        for _ in range(3):
            status, body, cached = page(stack)
            assert status == 200 and "2020" in body
            assert cached is None  # rendered each time
        assert get(f"{stack.url}{SECTION}")[0] == 200
    finally:
        stack.redis.start()
    assert wait_until(lambda: page(stack)[2] == "hit", timeout=30)


def test_media_storage_that_cannot_write_is_named(stack):
    media = stack.workdir / "media"
    shutil.rmtree(media, ignore_errors=True)
    media.write_text("not a directory: nothing can be written under it")
    try:
        assert failing(stack, ["storage"]), readiness(stack)
        assert alive(stack)
    finally:
        media.unlink()
    assert failing(stack, []), readiness(stack)


def test_a_stopped_worker_is_named_after_the_interval(stack):
    stack.worker.send_signal(signal.SIGTERM)
    stack.worker.wait(timeout=20)
    assert failing(stack, ["heartbeat:worker"], timeout=MAX_AGE + 20), readiness(stack)
    assert alive(stack)


def test_the_database_down_is_named_while_liveness_stays(stack):
    stack.postgres.stop()
    try:

        def database_named():
            status, body = readiness(stack)
            return status == 503 and "database" in body.get("failing", [])

        assert wait_until(database_named, timeout=30), readiness(stack)
        assert alive(stack)
    finally:
        stack.postgres.start()
    status, body = wait_until(lambda: (s := readiness(stack))[1].get("components") and s, 30)
    assert body["components"]["database"] == "ok"
