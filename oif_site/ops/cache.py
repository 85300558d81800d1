"""Django's own cache backends, counting hits and misses of `get` for /metrics."""

from django.core.cache.backends import locmem, redis

from .metrics import CACHE_HITS, CACHE_MISSES

_MISSING = object()


class _Counted:
    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            CACHE_MISSES.labels(self.metric_name).inc()
            return default
        CACHE_HITS.labels(self.metric_name).inc()
        return value


class RedisCache(_Counted, redis.RedisCache):
    metric_name = "redis"


class LocMemCache(_Counted, locmem.LocMemCache):
    metric_name = "locmem"
