"""Stack tests start real processes: PostgreSQL database, Redis, moto's S3, gunicorns, Varnish."""

from types import SimpleNamespace

import pytest

from tests.stack.fleet import AppFleet
from tests.stack.processes import MotoServer, PostgresDatabase, RedisServer, Varnish


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/stack/" in str(item.fspath):
            item.add_marker(pytest.mark.stack)


def start_stack(servers=2):
    """Two app servers (by default) on one database, Redis and S3, Varnish in front of both,
    purged by them. Returns the parts; stop_stack() stops what was started."""
    parts = SimpleNamespace(database=None, redis=None, s3=None, fleet=None, varnish=None)
    try:
        parts.database = PostgresDatabase().create()
        parts.redis = RedisServer().start()
        parts.s3 = MotoServer().start()
        parts.fleet = AppFleet(
            database_url=parts.database.url,
            redis_url=parts.redis.url,
            s3_env=parts.s3.env(),
            count=servers,
        )
        parts.varnish = Varnish(parts.fleet.ports)
        parts.fleet.front_cache(parts.varnish.url)
        parts.fleet.prepare()
        parts.fleet.create_user("publisher", "publisher-pw", group="Publishers")
        parts.fleet.start()
        parts.varnish.start()
    except BaseException:
        stop_stack(parts)
        raise
    return parts


def stop_stack(parts):
    for part in (parts.varnish, parts.fleet):
        if part is not None:
            part.stop()
    for part in (parts.s3, parts.redis):
        if part is not None:
            part.stop()
    if parts.database is not None:
        parts.database.drop()


@pytest.fixture(scope="package")
def stack():
    parts = start_stack()
    yield parts
    stop_stack(parts)
