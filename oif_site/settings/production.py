"""Production: refuses to start without its secrets; everything else from the environment."""

from .base import *

DEBUG = env_bool("DEBUG", False)

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment for production (comma-separated)."
    )

# Persistent connections, checked before each request reuses one (a restarted database or a
# proxy that dropped an idle connection costs a reconnect, never an error).
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Compress HTML (an edition page is ~110 KB, ~25 KB gzipped). Placed after whitenoise, which
# answers static files itself, already compressed, and after the page cache, which keeps the
# compressed bytes. Django pads gzip output against BREACH.
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("oif_site.page_cache.PageCacheMiddleware") + 1],
    "django.middleware.gzip.GZipMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("oif_site.page_cache.PageCacheMiddleware") + 1 :],
]

# Tasks (the edition PDFs) are queued in the database and run by `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# HSTS for a year, subdomains included, on by default; `preload` only lets the apex domain's
# owner submit it to the browsers' list (docs/security.md).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
