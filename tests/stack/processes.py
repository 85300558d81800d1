"""Real processes on spare loopback ports, for stack tests and `make bench`: Redis, Varnish,
an S3-compatible server (moto), a PostgreSQL database of its own. Each starts, waits until it
answers, and stops only the process it started."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, name, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not answer on port {port} within {timeout} s")


def stop_process(process, timeout=10):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class RedisServer:
    """A redis-server of our own: nothing kept on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = Path(tempfile.mkdtemp(prefix="oif-redis-"))
        self.process = None

    def start(self):  # again after stop() too: the same port, an empty server
        self.workdir.mkdir(parents=True, exist_ok=True)
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
                str(self.workdir),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "redis-server")
        return self

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


class MotoServer:
    """moto's S3-compatible server, in a process of its own, with one bucket."""

    credentials = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.bucket = f"oif-stack-{uuid.uuid4().hex[:10]}"
        self.process = None

    def start(self):
        moto = Path(sys.executable).with_name("moto_server")
        self.process = subprocess.Popen(
            [str(moto), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "moto_server")
        import boto3  # test-only dependency, needed once the server runs

        boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).create_bucket(Bucket=self.bucket)
        return self

    def env(self):
        return {
            **self.credentials,
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    def stop(self):
        stop_process(self.process)


class PostgresDatabase:
    """A database of our own on the PostgreSQL server of DATABASE_URL (or the local one)."""

    def __init__(self, prefix="oif_stack"):
        base = os.environ.get("STACK_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
        if not base.startswith(("postgres://", "postgresql://")):
            base = POSTGRES_SERVER
        self.server = urlsplit(base)
        self.name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.url = urlunsplit(self.server._replace(path=f"/{self.name}"))

    def _env(self):
        env = {**os.environ, "PGHOST": self.server.hostname or "127.0.0.1"}
        env["PGUSER"] = self.server.username or "postgres"
        env["PGPORT"] = str(self.server.port or 5432)
        if self.server.password:
            env["PGPASSWORD"] = self.server.password
        return env

    def create(self):
        subprocess.run(["createdb", self.name], env=self._env(), check=True)
        return self

    def drop(self):
        subprocess.run(
            ["dropdb", "--if-exists", "--force", self.name], env=self._env(), check=False
        )


def production_parameters():
    """deploy/varnish/varnishd.params as varnishd's `-p` arguments."""
    arguments = []
    for line in (VCL.parent / "varnishd.params").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            arguments += ["-p", line.strip()]
    return arguments


class Varnish:
    """varnishd with the repository's VCL in front of the given app servers; PURGE accepted
    from `purgers` (loopback by default)."""

    def __init__(self, backend_ports, purgers=("127.0.0.1",)):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="oif-varnish-"))
        self.backend_ports = list(backend_ports)
        self.purgers = purgers
        self.process = None

    def write_backends(self):
        lines = []
        for n, port in enumerate(self.backend_ports):
            lines.append(f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; }}')
        lines.append("acl purgers {")
        lines += [f'    "{address}";' for address in self.purgers]
        lines.append("}")
        lines.append("sub vcl_init {\n    new app = directors.round_robin();")
        lines += [f"    app.add_backend(app{n});" for n in range(len(self.backend_ports))]
        lines.append("}")
        (self.workdir / "backends.vcl").write_text("\n".join(lines) + "\n")

    def start(self):
        self.workdir.chmod(0o755)  # started as root, varnishd compiles the VCL as its own user
        self.write_backends()
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-f",
                str(VCL),
                "-a",
                f"127.0.0.1:{self.port}",
                "-n",
                str(self.workdir / "instance"),
                "-s",
                "malloc,64m",
                "-p",
                f"vcl_path={self.workdir}:{VCL.parent}",
                "-T",
                "none",
                "-p",
                "thread_pools=1",  # two cores
                *production_parameters(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(self.port, self.process, "varnishd")
        except RuntimeError as error:
            stderr = self.process.stderr.read().decode() if self.process.poll() is not None else ""
            raise RuntimeError(f"{error}\n{stderr}") from error
        return self

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


class Nginx:
    """nginx serving a folder (precompressed .gz files beside the plain ones)."""

    def __init__(self, root):
        self.root = Path(root)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="oif-nginx-"))
        self.process = None

    def start(self):
        for folder in (self.workdir, self.root):
            folder.chmod(0o755)  # nginx's workers drop root
        temp = self.workdir
        (self.workdir / "nginx.conf").write_text(
            f"""daemon off;
worker_processes 2;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{self.port};
        root {self.root};
        gzip_static on;
        location / {{ try_files $uri/index.html $uri =404; }}
    }}
}}
"""
        )
        self.process = subprocess.Popen(
            ["nginx", "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "nginx")
        return self

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
