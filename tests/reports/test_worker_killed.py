"""The background worker killed (SIGKILL) in the middle of a PDF build: the previous PDF stays
served, and the build completes when the worker is started again (`run_worker` catches every
edition's PDF up). gunicorn and the worker run with production settings, tasks in the database."""

import hashlib
import io
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from tests.browser.server import ROOT, SiteServer
from tests.ops.processes import wait_until

pytestmark = pytest.mark.stack

MARKER = "Printed after the worker came back"
PUBLISH = f"""
from reports.models import ProjectUpdatePage
page = ProjectUpdatePage.objects.get(slug="kata-containers").get_latest_revision_as_object()
page.body = [*page.body.raw_data, {{"type": "text", "value": "<p>{MARKER}</p>"}}]
page.save_revision().publish()
"""
TASK = "reports.tasks.build_edition_pdf_task"


def query(site, sql):
    """Rows of a read on the site's own database (SQLite file or PostgreSQL), from outside."""
    url = site.env["DATABASE_URL"]
    if url.startswith("sqlite"):
        with sqlite3.connect(urlsplit(url).path, timeout=30) as connection:
            return connection.execute(sql).fetchall()
    result = subprocess.run(
        ["psql", url.replace("postgres://", "postgresql://", 1), "-tAF|", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(line.split("|")) for line in result.stdout.splitlines() if line]


def served_pdf(site):
    request = f"{site.url}/annual-reports/2020/pdf/"
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def stored_sha(site):
    rows = query(site, "SELECT sha256 FROM reports_editionpdf")
    return rows[0][0] if rows else None


def running_builds(site):
    table = "django_tasks_database_dbtaskresult"
    return query(site, f"SELECT id FROM {table} WHERE task_path = '{TASK}' AND status = 'RUNNING'")


def start_worker(site):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def site():
    # No page cache: each gunicorn worker would keep its own copy of the PDF's answer.
    # A task still running when the worker starts again was lost at once (default: an hour).
    server = SiteServer("killed", PAGE_CACHE_SECONDS="0", TASK_LOST_AFTER_SECONDS="0")
    worker = None
    try:
        server.prepare()  # the edition's first build is queued in the database
        worker = start_worker(server)
        assert wait_until(lambda: stored_sha(server), timeout=600), "no first PDF"
        worker.terminate()
        worker.wait(timeout=60)
        server.start()
        yield server
    finally:
        if worker and worker.poll() is None:
            worker.kill()
        server.stop()


def test_a_worker_killed_mid_build_leaves_the_old_pdf_served_and_the_build_completes_on_restart(
    site,
):
    before = served_pdf(site)
    assert hashlib.sha256(before).hexdigest() == stored_sha(site)

    site.shell(PUBLISH)  # queues a build of the 2020 PDF
    worker = start_worker(site)
    try:
        assert wait_until(lambda: running_builds(site), timeout=300, step=0.05), "never started"
        worker.send_signal(signal.SIGKILL)  # in the middle of rendering
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    lost = running_builds(site)
    assert lost  # claimed by a worker that is gone: never finished

    assert served_pdf(site) == before  # the previous PDF, whole
    assert MARKER.lower() not in _text(before)

    worker = start_worker(site)  # the same code a restarted service runs
    try:
        assert wait_until(lambda: stored_sha(site) != hashlib.sha256(before).hexdigest(), 600)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    # The lost build is marked failed, saying why; nothing is left running.
    assert not running_builds(site)
    table = "django_tasks_database_dbtaskresult"
    failed = query(site, f"SELECT id, traceback FROM {table} WHERE status = 'FAILED'")
    assert [row[0] for row in failed] == [row[0] for row in lost]
    assert "worker running it was lost" in failed[0][1]
    after = served_pdf(site)
    assert hashlib.sha256(after).hexdigest() == stored_sha(site)
    assert MARKER.lower() in _text(after)


def _text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages).lower()
