"""Settings shared by every environment; everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured  # noqa: F401 (used by production)

from .environment import env, env_bool, env_int, env_list  # noqa: F401 (for the other modules)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project on top, the feature apps, the shared base at the bottom (docs/architecture.md).
    "oif_site",
    "reports",
    "projects",
    "base",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "storages",
    "django_tasks",
    "django_tasks_db",
    "dbbackup",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A first visit to / follows Accept-Language (docs/translations.md); before the page cache.
    "oif_site.languages.FirstVisitLanguageMiddleware",
    "oif_site.page_cache.PageCacheMiddleware",  # anonymous pages from Redis (docs/caching.md)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "oif_site.languages.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "base.richtext.PageLinkCacheMiddleware",  # rich-text page links: one query per request
    "oif_site.middleware.SiteCSPMiddleware",
    "oif_site.middleware.PermissionsPolicyMiddleware",
    # Lets a workflow's finish action tell the approver what happened (reports/workflows.py).
    "base.requests.CurrentRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses sign-ins during a lock-out
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "oif_site.urls"
WSGI_APPLICATION = "oif_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers (the browser tests) share the file: wait for its lock, not fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # No JIT compilation: the planner's estimates for the edition page's one joined query can
    # pass jit_above_cost, and compiling it costs seconds for a query that runs in a millisecond.
    # DATABASE_URL's ?options=... replaces this.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages (docs/translations.md): English is the source; the others are translations, under
# their prefix (/ja/…). SITE_LANGUAGES lists the codes, the source first.
LANGUAGE_NAMES = {
    "en": "English",
    "ja": "日本語",
    "zh-hans": "简体中文",
    "ko": "한국어",
    "de": "Deutsch",
    "id": "Bahasa Indonesia",
}
_language_codes = env_list("SITE_LANGUAGES", "en,ja,zh-hans,ko,de,id")
_unknown = [code for code in _language_codes if code not in LANGUAGE_NAMES]
if _unknown or not _language_codes or _language_codes[0] != "en":
    raise ImproperlyConfigured(
        f"SITE_LANGUAGES must start with en and use only {', '.join(LANGUAGE_NAMES)}: "
        f"{', '.join(_unknown) or 'en first'}"
    )
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code in _language_codes]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

# Media: local files by default; S3 (or any S3-compatible server) once a bucket is named.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")
    AWS_LOCATION = env("AWS_LOCATION", "media")
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    DEFAULT_FILE_STORAGE_BACKEND = "oif_site.media_bucket.MediaStorage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"

STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Backups (django-dbbackup; `make backup`, `make restore`, docs/backups.md): PostgreSQL with
# pg_dump -Fc / pg_restore, SQLite with its online backup API; media from the default storage.
BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "backups")))
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BACKUP_DIR)},
}
# The engines as settings/ops.py instruments them too: else dbbackup falls back to its JSON
# dump, which cannot restore this schema.
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.postgresql": "dbbackup.db.postgresql.PgDumpBinaryConnector",
    "django.db.backends.sqlite3": "dbbackup.db.sqlite.SqliteBackupConnector",
    "oif_site.ops.backends.postgresql": "dbbackup.db.postgresql.PgDumpBinaryConnector",
    "oif_site.ops.backends.sqlite3": "dbbackup.db.sqlite.SqliteBackupConnector",
}
DBBACKUP_SEND_EMAIL = False
DBBACKUP_CLEANUP_KEEP = int(env("BACKUP_KEEP", "30"))

REDIS_URL = env("REDIS_URL")
# Seconds to connect to Redis or wait for an answer: a Redis that hangs slows pages this much.
REDIS_SOCKET_TIMEOUT = float(env("REDIS_SOCKET_TIMEOUT", "0.5"))
if REDIS_URL:
    # The cache fails soft (django-redis's IGNORE_EXCEPTIONS): with Redis down, pages are served
    # uncached and caching resumes when it returns; /readyz names Redis (docs/operations.md).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # at most one line per 10 s (LOGGING below)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The whole-page cache of anonymous responses and the caching proxy or CDN in front of it, both
# purged together when content changes (oif_site/caching/, docs/caching.md).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "3600"))  # Redis and s-maxage; 0: off
PAGE_CACHE_BROWSER_SECONDS = int(env("PAGE_CACHE_BROWSER_SECONDS", "60"))  # max-age
PAGE_CACHE_MAX_BYTES = int(env("PAGE_CACHE_MAX_BYTES", str(5 * 2**20)))
PAGE_CACHE_REPURGE_SECONDS = float(env("PAGE_CACHE_REPURGE_SECONDS", "1"))
FRONTEND_CACHE_BACKENDS = {
    "http": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
    "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
}
FRONTEND_CACHE = env("FRONTEND_CACHE", "")
if FRONTEND_CACHE and FRONTEND_CACHE not in FRONTEND_CACHE_BACKENDS:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE must be one of {', '.join(FRONTEND_CACHE_BACKENDS)}:"
        f" not {FRONTEND_CACHE!r}"
    )
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE == "http":  # one Varnish (or any PURGE-accepting proxy) per address
    for number, location in enumerate(env_list("FRONTEND_CACHE_LOCATION")):
        WAGTAILFRONTENDCACHE[f"proxy{number}"] = {
            "BACKEND": FRONTEND_CACHE_BACKENDS["http"],
            "LOCATION": location,
        }
elif FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": FRONTEND_CACHE_BACKENDS["cloudflare"],
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
elif FRONTEND_CACHE == "cloudfront":
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": FRONTEND_CACHE_BACKENDS["cloudfront"],
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")  # for the file-based backend
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "annual-report@openinfra.dev")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The public address and name of the site: `setup_site` gives them to Wagtail's Site, and
# canonical links, the sitemap, the feed, JSON-LD and the PDF follow it.
SITE_URL = env("SITE_URL", "http://localhost").rstrip("/")
SITE_NAME = env("SITE_NAME", "OpenInfra Foundation Annual Report")
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The read-only API (/api/v2/, docs/api.md): a page of results holds at most this many items;
# more is a 400 that names the cap. Anonymous answers are shared by caches for API_CACHE_SECONDS.
WAGTAILAPI_LIMIT_MAX = int(env("API_LIMIT_MAX", "50"))
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
API_CACHE_SECONDS = int(env("API_CACHE_SECONDS", "300"))

# Background tasks (edition PDFs, Wagtail's reference index): run at once, in the process that
# enqueues them, unless production sets the database backend and runs `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A PDF build that fails (media storage unreachable, say) is tried again this much later, up
# to this many attempts in all (reports/tasks.py).
PDF_BUILD_RETRY_SECONDS = int(env("PDF_BUILD_RETRY_SECONDS", "60"))
PDF_BUILD_ATTEMPTS = int(env("PDF_BUILD_ATTEMPTS", "10"))
# A task still RUNNING this long after it started when `run_worker` starts lost its worker
# (killed mid-task): it is marked FAILED, so the task list tells the truth.
TASK_LOST_AFTER_SECONDS = int(env("TASK_LOST_AFTER_SECONDS", "3600"))

# An approved section waits for its edition to be published whole (reports/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "reports.workflows.finish_review"
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Concurrent editing: the editor tells the server it is open every so many milliseconds and
# hears who else is editing and whether someone saved a newer version (warned before saving).
WAGTAIL_EDITING_SESSION_PING_INTERVAL = env_int("EDITING_SESSION_PING_MS", 10_000)
# Reviewers and contributors discuss a section in place; open comments block publishing.
WAGTAILADMIN_COMMENTS_ENABLED = True
# Production e-mails (manage.py send_reminders): a reminder this many days before a section is
# due (then daily while late), and the Publishers' digest, from this hour (TIME_ZONE) each day.
ASSIGNMENT_REMINDER_DAYS = int(env("ASSIGNMENT_REMINDER_DAYS", "3"))
PRODUCTION_EMAIL_HOUR = int(env("PRODUCTION_EMAIL_HOUR", "8"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per page and per background task is noise at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lock-outs, not every attempt
        # Redis down: every cache call fails soft; one line per process every 10 s is enough.
        "django_redis.cache": {"filters": ["throttle"]},
    },
    "filters": {"throttle": {"()": "oif_site.ops.logging.Throttle", "seconds": 10}},
}

# Headers, content security policy, sign-in protection, uploads: docs/security.md.
# Operations: /healthz, /readyz, /metrics, JSON logs, Sentry (oif_site/settings/ops.py).
from .ops import apply as apply_operations  # noqa: E402
from .security import *  # noqa: E402

apply_operations(globals(), env, env_bool, env_list)
