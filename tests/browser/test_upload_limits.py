"""An editor uploading a decompression bomb or an oversized image gets an error naming the
limit; the gunicorn workers survive it and the next request is served."""

import subprocess

from playwright.sync_api import expect

from tests.browser.security_helpers import Watch, log_in, make_superuser
from tests.oif_site.upload_files import heavy_png, huge_png

USER, PASSWORD = "upload-editor", "upload-editor-password-2020"


def worker_pids(site):
    result = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(site.process.pid)], capture_output=True, text=True
    )
    return sorted(int(pid) for pid in result.stdout.split())


def test_oversized_images_are_refused_naming_the_limit_and_the_workers_survive(page, site):
    make_superuser(site, USER, PASSWORD)
    watch = Watch(page)
    log_in(page, USER, PASSWORD)
    workers = worker_pids(site)
    assert len(workers) == 2

    page.goto("/admin/images/multiple/add/")
    page.locator("input[type=file]").set_input_files(
        [
            {"name": "bomb.png", "mimeType": "image/png", "buffer": huge_png(8000, 7000)},
            {"name": "poster.png", "mimeType": "image/png", "buffer": heavy_png(10.5)},
        ]
    )
    expect(page.get_by_text("too many pixels (56000000). Maximum pixels 50000000")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Maximum filesize 10.0 MB")).to_be_visible()

    # The same workers are alive, and the next request is answered.
    assert worker_pids(site) == workers
    assert site.process.poll() is None
    assert page.goto("/admin/images/").status == 200
    assert page.goto("/annual-reports/2020/").status == 200
    assert watch.violations == []
