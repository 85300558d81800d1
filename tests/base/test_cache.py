"""The Redis cache fails soft: no Redis, no error (a miss); Redis there, a cache."""

import uuid

import pytest

from base.cache import FailSoftRedisCache
from tests.browser.server import free_port

OPTIONS = {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}


def test_without_redis_reads_miss_and_writes_are_dropped():
    cache = FailSoftRedisCache(f"redis://127.0.0.1:{free_port()}/0", OPTIONS)

    cache.set("page", "<html>")
    assert cache.get("page") is None
    assert cache.get("page", "fallback") == "fallback"
    assert cache.get_or_set("page", "computed") == "computed"
    assert cache.add("page", "x") is False
    assert cache.get_many(["page", "other"]) == {}
    assert cache.delete("page") is False
    with pytest.raises(ValueError):
        cache.incr("hits")


def test_with_redis_it_caches():
    """The shared Redis, under a key prefix of this test's own, removed afterwards."""
    cache = FailSoftRedisCache(
        "redis://127.0.0.1:6379/0", {**OPTIONS, "KEY_PREFIX": uuid.uuid4().hex}
    )
    try:
        cache.set("page", "<html>", 60)
        assert cache.get("page") == "<html>"
        assert cache.get_or_set("other", "computed", 60) == "computed"
        assert cache.get("other") == "computed"
    finally:
        cache.delete_many(["page", "other"])
