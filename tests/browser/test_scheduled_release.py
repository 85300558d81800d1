"""A scheduled edition goes live within a minute of its time, released by the real worker."""

import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.browser.server import ROOT

SCHEDULE = """
import datetime
from django.utils import timezone
from reports.models import AnnualReportPage, EditionRelease
from reports.next_edition import start_next_edition
from tests.reports.last_year import make_publishable
latest = AnnualReportPage.objects.order_by("-year").first()
new = make_publishable(start_next_edition(latest))  # as a Publisher leaves it
release_at = timezone.now() + datetime.timedelta(seconds={delay})
EditionRelease.objects.create(edition=new, release_at=release_at)
print(new.year, release_at.timestamp())
"""


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_worker_releases_a_scheduled_edition_on_time(site):
    year, release_at = site.shell(SCHEDULE.format(delay=6)).strip().splitlines()[-1].split()
    release_at = float(release_at)
    edition_url = f"{site.url}/annual-reports/{year}/"
    section_url = f"{edition_url}project-updates/zuul/"
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "release_editions",
            "--watch",
            "--interval",
            "1",
            "--max-seconds",
            "70",
        ],
        cwd=ROOT,
        env=site.env,
    )
    try:
        while time.time() < release_at - 1:
            assert status(edition_url) == 404
            assert status(section_url) == 404
            time.sleep(0.5)
        while status(edition_url) != 200:
            assert time.time() - release_at < 60, "not live a minute after its release time"
            time.sleep(0.5)
        live_after = time.time() - release_at
        assert status(section_url) == 200
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        # The server is shared by the session's browser tests: leave it as it was.
        site.shell(
            "from reports.models import AnnualReportPage; "
            f"AnnualReportPage.objects.get(year={year}).delete()"
        )
    assert live_after < 60
