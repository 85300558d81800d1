"""Changes made as staff make them, in the app servers' database, for the stack tests."""

import urllib.error
import urllib.request

ZUUL = "/annual-reports/2020/project-updates/zuul/"
EDITION = "/annual-reports/2020/"


def draft_zuul_title(fleet, marker):
    """Save (not publish) a new title for the 2020 Zuul update; returns the edition's id."""
    return int(
        fleet.shell(
            "from reports.models import ProjectUpdatePage\n"
            f"page = ProjectUpdatePage.objects.get(url_path__endswith={ZUUL!r})\n"
            "version = page.get_latest_revision_as_object()\n"
            f"version.title = 'Zuul {marker}'\n"
            "version.save_revision()\n"
            "print(page.edition.pk)\n"
        ).split()[-1]
    )


def review_token(fleet):
    return fleet.shell(
        "import datetime\n"
        "from django.utils import timezone\n"
        "from reports.models import AnnualReportPage, ReviewLink\n"
        "edition = AnnualReportPage.objects.get(year=2020)\n"
        "_link, token = ReviewLink.create(edition, user=None,"
        " expires_at=timezone.now() + datetime.timedelta(days=1))\n"
        "print(token)\n"
    ).split()[-1]


def fetch(url, headers=None, method="GET"):
    """(status, headers, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")
