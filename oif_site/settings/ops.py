"""Operations settings (docs/operations.md), applied at the end of base.py: health,
metrics, JSON logs, error reports. OBSERVABILITY=off leaves metrics and JSON logs out
(the benchmark's baseline)."""

from oif_site.ops.logging import configure_structlog, json_formatter
from oif_site.ops.sentry import init_sentry

INSTRUMENTED_DATABASES = {
    "django.db.backends.postgresql": "oif_site.ops.backends.postgresql",
    "django.db.backends.sqlite3": "oif_site.ops.backends.sqlite3",
}
INSTRUMENTED_CACHES = {
    "django_redis.cache.RedisCache": "oif_site.ops.cache.DjangoRedisCache",
    "django.core.cache.backends.redis.RedisCache": "oif_site.ops.cache.RedisCache",
    "django.core.cache.backends.locmem.LocMemCache": "oif_site.ops.cache.LocMemCache",
}
PROBE_PATHS = [r"^healthz$", r"^readyz$", r"^version$", r"^metrics$"]


def apply(s, env, env_bool, env_list):
    """Adds the operations settings to the settings module's namespace `s`."""
    s["OBSERVABILITY"] = env_bool("OBSERVABILITY", True)
    s["OPS_ALLOWED_IPS"] = env_list("OPS_ALLOWED_IPS")
    s["OPS_HEARTBEATS"] = env_list("OPS_HEARTBEATS", "worker,release-watcher")
    s["OPS_HEARTBEAT_MAX_AGE"] = float(env("OPS_HEARTBEAT_MAX_AGE", "120"))
    s["SENTRY_DSN"] = env("SENTRY_DSN", "")
    # Probes speak plain HTTP inside the network: never redirected to HTTPS.
    s["SECURE_REDIRECT_EXEMPT"] = [*s.get("SECURE_REDIRECT_EXEMPT", []), *PROBE_PATHS]
    if s["SENTRY_DSN"]:
        init_sentry(s["SENTRY_DSN"], env("SENTRY_ENVIRONMENT", "production"))
    if not s["OBSERVABILITY"]:
        return
    s["MIDDLEWARE"] = ["oif_site.ops.middleware.RequestObservabilityMiddleware", *s["MIDDLEWARE"]]
    for database in s["DATABASES"].values():
        database["ENGINE"] = INSTRUMENTED_DATABASES.get(database["ENGINE"], database["ENGINE"])
    for cache in s["CACHES"].values():
        cache["BACKEND"] = INSTRUMENTED_CACHES.get(cache["BACKEND"], cache["BACKEND"])
    configure_structlog()
    logging = s["LOGGING"]
    logging.setdefault("formatters", {})["json"] = json_formatter()
    for handler in logging["handlers"].values():
        handler["formatter"] = "json"
