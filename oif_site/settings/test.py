"""Test runs: fast hashing, in-memory mail; the database still comes from DATABASE_URL."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# CI runs the SQLite and PostgreSQL passes side by side: each keeps its files apart.
MEDIA_ROOT = Path(env("TEST_ARTIFACTS", str(BASE_DIR / "test-artifacts"))) / "media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
PAGE_CACHE_REPURGE_SECONDS = 0  # a purge a second later would land in another test
