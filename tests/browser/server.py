"""A real server for browser tests and page-quality scripts: production settings, gunicorn,
its own database (SQLite file, or a PostgreSQL database beside DATABASE_URL's)."""

import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"  # Debian's; browsers cannot be downloaded here
# Without the background-networking flags Chromium keeps calling out of a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EDITION_2020 = ROOT / "content" / "editions" / "2020.yaml"
# gunicorn's first answer on a busy machine (8 engineers' tests on 2 cores) can take a while.
START_TIMEOUT = int(os.environ.get("SITE_SERVER_START_TIMEOUT", "120"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_url(base_url, name):
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class SiteServer:
    """`tls` = (certfile, keyfile, cafile) serves HTTPS itself; `env` overrides variables."""

    def __init__(self, name="browser", tls=None, **env):
        self.workdir = Path(tempfile.mkdtemp(prefix=f"oif-{name}-"))
        self.port = free_port()
        self.tls = tls
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        base = os.environ.get("DATABASE_URL", "")
        self._pg_name = None
        if base.startswith(("postgres://", "postgresql://")):
            self._pg_name = f"{urlsplit(base).path.lstrip('/') or 'oif_site'}_{name}"
            database_url = _postgres_url(base, self._pg_name)
        else:
            database_url = f"sqlite:///{self.workdir / 'db.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "oif_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.url,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.workdir / "mail"),
            "WAGTAILADMIN_BASE_URL": self.url,
            "REDIS_URL": "",
            "AWS_STORAGE_BUCKET_NAME": "",
            **env,
        }
        self.process = None
        # A sibling uses another server's database; only the owner creates and drops it.
        if "DATABASE_URL" in env:
            self._pg_name = None

    def sibling(self, name, tls=None, **env):
        """Another server on this one's database and files (prepared already), e.g. over TLS."""
        shared = {k: self.env[k] for k in ("DATABASE_URL", "STATIC_ROOT", "MEDIA_ROOT")}
        return SiteServer(name, tls=tls, **{**shared, **env})

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "-c", code)

    def _pg(self, command, check=True):
        base = urlsplit(os.environ["DATABASE_URL"])
        admin = {
            **self.env,
            "PGHOST": base.hostname or "127.0.0.1",
            "PGPORT": str(base.port or 5432),
            "PGUSER": base.username or "postgres",
        }
        subprocess.run([*command, self._pg_name], env=admin, check=check, capture_output=True)

    def create_empty_database(self):
        """A new, empty database: on PostgreSQL one left by an earlier run is dropped first."""
        if self._pg_name:
            self._pg(["dropdb", "--if-exists", "--force"])
            self._pg(["createdb"])
        return self

    def prepare(self):
        self.create_empty_database()
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        self.manage("setup_site")
        self.manage("load_edition", str(EDITION_2020))
        return self

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "oif_site.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--log-level",
                "warning",
                *(["--certfile", self.tls[0], "--keyfile", self.tls[1]] if self.tls else []),
            ],
            cwd=ROOT,
            env=self.env,
        )
        context = ssl.create_default_context(cafile=self.tls[2]) if self.tls else None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"{self.url}/", timeout=10, context=context
                ) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the site server did not answer within {START_TIMEOUT} s")

    def reload(self):
        """New gunicorn workers: for a server without Redis, an empty page cache (each worker
        keeps its own, which changes made by another process never purge)."""
        pids = self._worker_pids()
        self.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + START_TIMEOUT
        while self._worker_pids() & pids or len(self._worker_pids()) < 2:
            if time.monotonic() > deadline:
                raise RuntimeError("the site server's workers were not replaced")
            time.sleep(0.2)
        with urllib.request.urlopen(f"{self.url}/", timeout=30) as response:
            assert response.status == 200
        return self

    def _worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return set(children.read_text().split())

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
        if self._pg_name:  # the shared server keeps no database of a finished test
            self._pg(["dropdb", "--if-exists", "--force"], check=False)
        shutil.rmtree(self.workdir, ignore_errors=True)
