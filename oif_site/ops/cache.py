"""The cache backends the site uses (django-redis in production, Django's own Redis and
local-memory ones), counting hits and misses of every key read for /metrics."""

from django.core.cache.backends import locmem, redis
from django_redis import cache as django_redis

from .metrics import CACHE_HITS, CACHE_MISSES

_MISSING = object()


class _CountedGet:
    def get(self, key, default=None, version=None, **kwargs):
        value = super().get(key, _MISSING, version, **kwargs)
        if value is _MISSING:
            CACHE_MISSES.labels(self.metric_name).inc()
            return default
        CACHE_HITS.labels(self.metric_name).inc()
        return value


class _CountedGetMany(_CountedGet):
    """For backends whose get_many is one round trip (not a loop over get)."""

    def get_many(self, keys, *args, **kwargs):
        keys = list(keys)
        found = super().get_many(keys, *args, **kwargs)
        if found:
            CACHE_HITS.labels(self.metric_name).inc(len(found))
        if len(keys) > len(found):
            CACHE_MISSES.labels(self.metric_name).inc(len(keys) - len(found))
        return found


class DjangoRedisCache(_CountedGetMany, django_redis.RedisCache):
    """django-redis (production); with Redis down a read fails soft and counts as a miss."""

    metric_name = "redis"


class RedisCache(_CountedGetMany, redis.RedisCache):
    metric_name = "redis"


class LocMemCache(_CountedGet, locmem.LocMemCache):
    metric_name = "locmem"
