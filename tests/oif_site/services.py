"""Our own PostgreSQL and Redis on spare loopback ports, in temporary directories, for tests
that stop and restart them (the shared servers are never touched)."""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from tests.browser.server import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*args, **kwargs):
    """initdb and pg_ctl refuse to run as root."""
    return subprocess.run(["runuser", "-u", "postgres", "--", *map(str, args)], **kwargs)


class OwnPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="oif-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/oif"
        shutil.chown(self.dir, "postgres", "postgres")
        _as_postgres(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            check=True,
            capture_output=True,
        )

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off"
        _as_postgres(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.dir / "log",
            "-w",
            "start",
            check=True,
            capture_output=True,
        )
        return self

    def create_database(self):
        subprocess.run(
            [PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "oif"],
            check=True,
        )
        return self

    def stop(self):
        _as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", capture_output=True
        )

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class OwnRedis:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="oif-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.client().ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def client(self):
        return redis.Redis(port=self.port, socket_connect_timeout=0.5)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
