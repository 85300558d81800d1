"""Real processes for the stack tests: a PostgreSQL and a Redis of their own on spare
loopback ports, the site under gunicorn with deploy/gunicorn/gunicorn.conf.py, Prometheus."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.server import ROOT, SiteServer, free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def wait_until(predicate, timeout=30, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def get(url, timeout=10, headers=None):
    """(status, body) of a GET; errors answered by the server are results too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


class OwnPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="oif-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/oif_ops"
        subprocess.run(
            [PG_BIN / "initdb", "-D", self.dir / "data", "-U", "postgres", "--auth=trust"],
            check=True,
            capture_output=True,
            **self._as_postgres(),
        )

    def _as_postgres(self):
        if os.geteuid() != 0:
            return {}
        shutil.chown(self.dir, "postgres")
        return {"user": "postgres"}

    def pg_ctl(self, *args):
        subprocess.run(
            [PG_BIN / "pg_ctl", "-D", self.dir / "data", "-w", *args],
            check=True,
            capture_output=True,
            **self._as_postgres(),
        )

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-o", options, "-l", str(self.dir / "log"), "start")
        return self

    def stop(self):
        self.pg_ctl("-m", "fast", "stop")

    def create_database(self):
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "oif_ops"],
            check=True,
        )

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class OpsSite(SiteServer):
    """SiteServer, started the production way: gunicorn with the deploy's config file."""

    def __init__(self, name, **env):
        super().__init__(name, **env)
        defaults = {
            "OPS_ALLOWED_IPS": "127.0.0.1",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "2",
        }
        self.env.update({key: value for key, value in defaults.items() if key not in env})
        self.side = []

    def start(self, log=None):
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        )
        if wait_until(lambda: get(f"{self.url}/healthz")[0] == 200, timeout=60):
            return self
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def run_beside(self, *args):
        """A long-running manage.py process (worker, watcher) with the site's environment."""
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.side.append(process)
        return process

    def worker_pids(self):
        result = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        )
        return [int(pid) for pid in result.stdout.split()]

    def stop(self):
        for process in self.side:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.side = []
        super().stop()
