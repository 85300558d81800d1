"""Django's Redis cache, failing soft: while Redis cannot be reached, reads miss and writes
are dropped, so pages are served uncached instead of failing; it is tried again every few
seconds and used as soon as it answers. Whatever builds on the default cache (Wagtail's site
root paths, the page cache) inherits this."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5


def _fail_soft(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                if not self._down_until:
                    logger.warning("Redis unavailable, serving uncached: %s", error)
                self._down_until = time.monotonic() + RETRY_SECONDS
                return fallback(args, kwargs)
            if self._down_until:
                logger.warning("Redis is back: caching again")
                self._down_until = 0.0
            return result

        return wrapper

    return decorate


def _missing_key(args, kwargs):
    raise ValueError("Key not found: the cache is unavailable")


def _default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class FailSoftRedisCache(RedisCache):
    _down_until = 0.0

    get = _fail_soft(_default)(RedisCache.get)
    add = _fail_soft(lambda a, k: False)(RedisCache.add)
    set = _fail_soft(lambda a, k: None)(RedisCache.set)
    touch = _fail_soft(lambda a, k: False)(RedisCache.touch)
    delete = _fail_soft(lambda a, k: False)(RedisCache.delete)
    get_many = _fail_soft(lambda a, k: {})(RedisCache.get_many)
    has_key = _fail_soft(lambda a, k: False)(RedisCache.has_key)
    incr = _fail_soft(_missing_key)(RedisCache.incr)
    set_many = _fail_soft(lambda a, k: [])(RedisCache.set_many)
    delete_many = _fail_soft(lambda a, k: None)(RedisCache.delete_many)
    clear = _fail_soft(lambda a, k: False)(RedisCache.clear)
