"""Settings come from the environment; production will not start without its secrets."""

import os
import subprocess
import sys

from tests.conftest import ROOT

SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "from django.core.files.storage import storages; d = storages['default']; "
    "print(type(d).__name__, getattr(d, 'file_overwrite', None), s.DATABASES['default']['ENGINE'],"
    " s.DEBUG, s.ALLOWED_HOSTS, s.CACHES['default']['BACKEND'], sep='|')"
)


def run_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    clean.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("oif_site.settings.production", ALLOWED_HOSTS="report.openinfra.dev")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("oif_site.settings.production", SECRET_KEY="s" * 50, ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_reads_database_cache_and_media_storage_from_the_environment():
    result = run_settings(
        "oif_site.settings.production",
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="report.openinfra.dev,www.report.openinfra.dev",
        DATABASE_URL="postgres://oif:pw@db.internal:5432/oif",
        REDIS_URL="redis://127.0.0.1:6379/1",
        AWS_STORAGE_BUCKET_NAME="oif-media",
    )
    assert result.returncode == 0, result.stderr
    storage, overwrite, engine, debug, hosts, cache = result.stdout.strip().split("|")
    assert storage == "MediaStorage"
    assert overwrite == "False"
    # django-prometheus's metrics wrap Django's backend (oif_site/ops/database.py)
    assert engine in {"django.db.backends.postgresql", "oif_site.ops.backends.postgresql"}
    assert debug == "False"
    assert "www.report.openinfra.dev" in hosts
    assert "RedisCache" in cache


def test_development_needs_nothing_configured():
    result = run_settings("oif_site.settings.dev")
    assert result.returncode == 0, result.stderr
    storage, _overwrite, engine, debug, _hosts, _cache = result.stdout.strip().split("|")
    assert storage == "FileSystemStorage"
    assert engine in {"django.db.backends.sqlite3", "oif_site.ops.backends.sqlite3"}
    assert debug == "True"
