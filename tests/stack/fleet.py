"""N gunicorn app servers with production settings sharing one PostgreSQL database, one Redis
and one S3 (moto) server, optionally purging a Varnish in front: the production shape on one
machine, for stack tests and `make bench`."""

import hashlib
import json
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

from tests.stack.processes import ROOT, free_port, stop_process, wait_for_port

EDITION_2020 = ROOT / "content" / "editions" / "2020.yaml"
# Collected once per checkout: collectstatic then copies only what changed.
STATIC_ROOT = ROOT / "test-artifacts" / "stack-static"
PREPARE_STEPS = (
    ("migrate", "--no-input"),
    ("collectstatic", "--no-input"),
    ("setup_site",),
    ("load_edition", str(EDITION_2020)),
    ("setup_roles",),
)


def static_fingerprint():
    """What collectstatic's output depends on: our static files and the installed packages."""
    files = sorted(p for p in (ROOT / "static").rglob("*") if p.is_file())
    parts = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files]
    parts.append(str(Path(sys.prefix, "lib").stat().st_mtime_ns))
    parts.append(str(ROOT / "pyproject.toml") + str((ROOT / "pyproject.toml").stat().st_mtime_ns))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class AppFleet:
    def __init__(
        self,
        *,
        database_url,
        redis_url,
        s3_env,
        count=2,
        workers=2,
        threads=4,
        settings="oif_site.settings.production",
        extra_env=None,
    ):
        self.workdir = Path(tempfile.mkdtemp(prefix="oif-fleet-"))
        self.ports = [free_port() for _ in range(count)]
        self.urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        self.workers, self.threads = workers, threads
        self.env = {
            "PATH": "/usr/bin:/bin:/usr/sbin:/usr/lib/postgresql/15/bin",
            "HOME": str(self.workdir),
            "DJANGO_SETTINGS_MODULE": settings,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "STATIC_ROOT": str(STATIC_ROOT),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.workdir / "mail"),
            "WAGTAILADMIN_BASE_URL": self.urls[0],
            "LOG_LEVEL": "WARNING",
            "OPS_ALLOWED_IPS": "127.0.0.1",  # /metrics and /readyz detail, asked directly
            **s3_env,
            **(extra_env or {}),
        }
        self.processes = []

    def front_cache(self, *locations):
        """Purge these caching proxies (Varnish) on every change; also trusted for CSRF."""
        self.env["FRONTEND_CACHE"] = "http"
        self.env["FRONTEND_CACHE_LOCATION"] = ",".join(locations)
        self.env["CSRF_TRUSTED_ORIGINS"] = ",".join([*self.urls, *locations])

    def manage(self, *args, env=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, "FRONTEND_CACHE": "", **(env or {})},
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        """Python run with the app servers' settings, purging as they do."""
        return self.manage(
            "shell", "-c", code, env={"FRONTEND_CACHE": self.env.get("FRONTEND_CACHE", "")}
        )

    def prepare(self):
        """Migrate, collect static files, set the site up, load 2020, in one process (Django
        starts once); returns {step: seconds}."""
        code = (
            "import json, time\n"
            "from django.core.management import call_command\n"
            "timings = {}\n"
            "for step in %r:\n"
            "    start = time.perf_counter()\n"
            "    call_command(*step, verbosity=0)\n"
            "    timings[step[0]] = time.perf_counter() - start\n"
            "print(json.dumps(timings))\n"
        )
        steps = PREPARE_STEPS
        fingerprint = static_fingerprint()
        marker = STATIC_ROOT / ".fingerprint"
        if marker.exists() and marker.read_text() == fingerprint:
            steps = tuple(step for step in steps if step[0] != "collectstatic")
        timings = json.loads(self.manage("shell", "-c", code % (steps,)).strip().splitlines()[-1])
        marker.write_text(fingerprint)
        return timings

    def start(self):
        for port in self.ports:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "oif_site.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
            )
            self.processes.append(process)
        for port, process in zip(self.ports, self.processes, strict=True):
            wait_for_port(port, process, "gunicorn")
        for url in self.urls:
            wait_until_ok(f"{url}/")
        return self

    def worker_pids(self):
        """The gunicorn worker processes (children of each master)."""
        pids = []
        for process in self.processes:
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
            pids += [int(pid) for pid in children.read_text().split()] if children.exists() else []
        return pids

    def stop(self):
        for process in self.processes:
            stop_process(process)
        self.processes = []
        shutil.rmtree(self.workdir, ignore_errors=True)

    def create_user(self, username, password, group=None, superuser=False):
        self.shell(
            "from django.contrib.auth.models import Group, User\n"
            f"u = User.objects.create_user({username!r}, password={password!r},"
            f" is_staff=True, is_superuser={superuser})\n"
            + (f"u.groups.add(Group.objects.get(name={group!r}))\n" if group else "")
        )


def wait_until_ok(url, timeout=120):
    deadline = time.monotonic() + timeout
    error = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=20) as response:
                if response.status == 200:
                    return
        except OSError as failure:
            error = failure
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s: {error}")


class Browser:
    """A logged-in staff member's HTTP session (cookies and CSRF), without a browser."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()

    def post(self, path, data=None):
        body = urlencode({"csrfmiddlewaretoken": self.cookie("csrftoken") or "", **(data or {})})
        request = urllib.request.Request(
            self.base_url + path,
            data=body.encode(),
            headers={"Referer": self.base_url + path},
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()

    def confirm(self, path, data=None):
        """Open a confirmation page and press its button, as a Publisher does."""
        _status, _headers, html = self.get(path)
        value = re.search(r'name="confirm" value="([^"]+)"', html).group(1)
        return self.post(path, {"confirm": value, **(data or {})})

    def login(self, username, password):
        _status, _headers, html = self.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        request = urllib.request.Request(
            self.base_url + "/admin/login/",
            data=urlencode(
                {"csrfmiddlewaretoken": token, "username": username, "password": password}
            ).encode(),
            headers={"Referer": self.base_url + "/admin/login/"},
        )
        with self.opener.open(request, timeout=30) as response:
            assert "/admin/login/" not in response.url, "login refused"
        assert self.cookie("sessionid"), "no session cookie after logging in"
        return self
