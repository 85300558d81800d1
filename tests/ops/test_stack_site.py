"""The production shape under real processes: Prometheus scrapes gunicorn's workers, Sentry
gets one event per error, and a reload or a lost worker drops no reader's request."""

import gzip
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli  # WeasyPrint's fonttools brings it; sentry-sdk then sends brotli
import pytest
import yaml

from tests.browser.server import ROOT, free_port

from .processes import OpsSite, get, wait_until

pytestmark = pytest.mark.stack
EDITION = "/annual-reports/2020/"


class SentryInbox(BaseHTTPRequestHandler):
    """A stand-in Sentry ingest endpoint: keeps every envelope posted to it."""

    envelopes = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.envelopes.append(body.decode(errors="replace"))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def inbox():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), SentryInbox)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def site(inbox):
    metrics_dir = tempfile.mkdtemp(prefix="oif-metrics-")
    server = OpsSite(
        "ops",
        PROMETHEUS_MULTIPROC_DIR=metrics_dir,
        SENTRY_DSN=f"http://publickey@127.0.0.1:{inbox.server_port}/1",
        SENTRY_ENVIRONMENT="stack-test",
        GIT_COMMIT="0123456789abcdef",
        OPS_HEARTBEATS="",
    )
    try:
        server.prepare()
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def prometheus(site, tmp_path):
    config = yaml.safe_load((ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text())
    config["global"].update(scrape_interval="1s", evaluation_interval="1s")
    config["rule_files"] = [str(ROOT / "deploy" / "prometheus" / "alerts.yml")]
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "oif-site")
    job["static_configs"] = [{"targets": [f"127.0.0.1:{site.port}"]}]
    config["scrape_configs"] = [job]
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    port = free_port()
    process = subprocess.Popen(
        [
            "prometheus",
            f"--config.file={tmp_path / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def query(prometheus, expression):
    url = f"{prometheus}/api/v1/query?" + urllib.parse.urlencode({"query": expression})
    status, body = get(url)
    if status != 200:
        return None
    result = json.loads(body)["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def test_prometheus_scrapes_every_worker_and_counts_the_requests(site, prometheus):
    served = 'sum(oif_http_request_duration_seconds_count{route="healthz",status="200"})'
    assert wait_until(lambda: query(prometheus, 'up{job="oif-site"}') == 1, timeout=60)
    before = wait_until(lambda: query(prometheus, served), timeout=30)
    for _ in range(12):
        assert get(f"{site.url}/healthz")[0] == 200
    assert wait_until(lambda: query(prometheus, served) == before + 12, timeout=30), (
        before,
        query(prometheus, served),
    )
    assert query(prometheus, 'oif_scheduled_releases{state="overdue"}') == 0


def test_an_error_reaches_sentry_once_with_the_request_id_and_no_secret(site, inbox):
    inbox.RequestHandlerClass.envelopes.clear()
    status, _ = get(
        f"{site.url}/ops/error-probe/",
        headers={"X-Request-ID": "sentry-trace-9", "Cookie": "sessionid=s3cr3t-session-77"},
    )
    assert status == 500
    envelopes = inbox.RequestHandlerClass.envelopes
    assert wait_until(lambda: any('"exception"' in e for e in envelopes), timeout=30)
    time.sleep(2)  # a second event, if any, would have come by now
    events = [e for e in envelopes if '"exception"' in e]
    assert len(events) == 1
    event = json.loads(next(line for line in events[0].splitlines() if '"exception"' in line))
    assert event["tags"]["request_id"] == "sentry-trace-9"
    assert event["release"] == "0123456789abcdef"
    assert event["environment"] == "stack-test"
    assert "s3cr3t-session-77" not in events[0]
    assert "cookie" not in json.dumps(event.get("request", {})).lower()


def test_a_reload_and_a_lost_worker_drop_no_reader(site):
    failures, served, stop = [], [], threading.Event()

    def reader():
        while not stop.is_set():
            status, _ = get(f"{site.url}{EDITION}", timeout=60)
            (served if status == 200 else failures).append(status)

    readers = [threading.Thread(target=reader) for _ in range(20)]
    for thread in readers:
        thread.start()
    try:
        assert wait_until(lambda: len(served) >= 20, timeout=120)
        old_workers = set(site.worker_pids())
        os.kill(site.process.pid, signal.SIGHUP)  # graceful reload: new workers, old finish
        assert wait_until(lambda: not old_workers & set(site.worker_pids()), timeout=90)
        mark = len(served)
        assert wait_until(lambda: len(served) >= mark + 20, timeout=120)
        os.kill(site.worker_pids()[0], signal.SIGTERM)  # a worker lost: it finishes, is replaced
        mark = len(served)
        assert wait_until(lambda: len(served) >= mark + 20, timeout=120)
    finally:
        stop.set()
        for thread in readers:
            thread.join(timeout=90)
    assert failures == []
    assert len(served) >= 60
    assert len(site.worker_pids()) == 2
