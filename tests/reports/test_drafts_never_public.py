"""Anonymous visitors never see draft content: not on pages, in search, sitemap, feeds or API."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from wagtail.rich_text import RichText

from reports.models import ProjectUpdatePage
from tests.reports.factories import GeneralSectionPageFactory

pytestmark = pytest.mark.django_db

MARKER = "zq7marker41x"
# Searched for instead of the marker, which a search page rightly echoes back.
WORD = "quuxfrobnicate"


def crawl(client, start="/"):
    """Every internal page reachable by following links from the home page."""
    seen, queue, bodies = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        bodies[url] = html
        for href in re.findall(r'href="([^"#]+)', html):
            target = urlsplit(urljoin(url, href))
            if target.netloc in ("", "testserver") and not target.path.startswith(
                ("/static/", "/media/", "/admin/", "/documents/")
            ):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return bodies


def test_a_marker_in_drafts_never_reaches_visitors(client, edition_2020, draft_edition):
    # 1. a draft change of a live section
    zuul = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    draft = zuul.get_latest_revision_as_object()
    draft.title = f"Zuul {MARKER}"
    draft.body = [("text", RichText(f"<p>{MARKER} {WORD} in a draft revision</p>"))]
    draft.save_revision()
    # 2. a page that was never published
    GeneralSectionPageFactory(
        parent=edition_2020,
        title=f"Never published {MARKER}",
        slug="never",
        publish=False,
        live=False,
        body=[("text", RichText(f"<p>{MARKER} {WORD} never published</p>"))],
    )
    # 3. a section of an unreleased edition, published on its own by mistake
    early = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="kata-containers")
    early_version = early.get_latest_revision_as_object()
    early_version.body = [("text", RichText(f"<p>{MARKER} {WORD} released too early</p>"))]
    early_version.save_revision().publish()

    pages = crawl(client)
    assert len(pages) > 40, "the crawl reached the edition, its sections and the profiles"
    for url, html in pages.items():
        assert MARKER not in html, url
    for url in (
        f"/search/?q={WORD}",
        "/sitemap.xml",
        "/feeds/annual-reports.atom",
        "/robots.txt",
        "/api/v2/pages/",
        f"/api/v2/pages/?search={WORD}",
        "/annual-reports/2021/",
        f"{early.url_path.removeprefix('/home')}",
    ):
        response = client.get(url)
        assert MARKER not in response.content.decode(errors="replace"), url
