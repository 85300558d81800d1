"""Private pages (Wagtail page privacy: a password or a login) inside an edition, and their
titles, never reach the public: pages, contents, next/previous links, search, sitemap, feed,
PDF, or a cache."""

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from reports.models import ChapterPage
from reports.pdf.build import build_edition_pdf
from tests.reports.factories import GeneralSectionPageFactory
from tests.reports.pdf_helpers import fetch_pdf, text_of
from tests.reports.test_drafts_never_public import crawl

pytestmark = pytest.mark.django_db

MARKER = "pv8secretmarker"  # only in private pages
WORD = "blorptastic"  # searched for: the search page echoes the query, not the marker


def _private_section(parent, name, restriction, **kwargs):
    page = GeneralSectionPageFactory(
        parent=parent,
        title=f"{name} {MARKER}",
        slug=f"{name.lower()}-{MARKER}",
        search_description=f"{MARKER} description",
        body=[("text", RichText(f"<p>{MARKER} {WORD} {name} body</p>"))],
        **kwargs,
    )
    if restriction:
        PageViewRestriction.objects.create(page=page, **restriction)
    return page


@pytest.fixture
def private_pages(edition_2020):
    chapter = ChapterPage.objects.child_of(edition_2020).first()
    password = _private_section(
        edition_2020,
        "Password",
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "let-me-in"},
    )
    # Public itself, but under a password-protected page: private too.
    GeneralSectionPageFactory(
        parent=password,
        title=f"Inherited {MARKER}",
        slug=f"inherited-{MARKER}",
        body=[("text", RichText(f"<p>{MARKER} {WORD} inherited</p>"))],
    )
    login = _private_section(chapter, "Login", {"restriction_type": PageViewRestriction.LOGIN})
    return {"password": password, "login": login}


def test_private_sections_are_nowhere_public(client, edition_2020, private_pages):
    bodies = crawl(client)
    bodies["sitemap"] = client.get("/sitemap.xml").content.decode()
    bodies["feed"] = client.get("/feeds/annual-reports.atom").content.decode()
    for query in (WORD, "Password", "Login", "Inherited"):
        bodies[f"search {query}"] = client.get("/search/", {"q": query}).content.decode()

    assert edition_2020.url in bodies  # the crawl reached the edition and its sections
    assert len(bodies) > 30
    leaks = [where for where, body in bodies.items() if MARKER in body]
    # The search page repeats the query; anywhere else the private body's word is a leak.
    leaks += [w for w, body in bodies.items() if WORD in body and not w.startswith("search")]
    assert leaks == []
    assert "No results for" in bodies[f"search {WORD}"]


def test_private_sections_are_not_in_the_pdf(client, edition_2020, private_pages):
    GeneralSectionPageFactory(parent=edition_2020, title="Zebracorn", body=[])  # public, new
    result = build_edition_pdf(edition_2020.pk)
    assert result.status == "built"

    _response, content = fetch_pdf(client, edition_2020)

    text = text_of(content)
    assert "zebracorn" in text  # this PDF holds the pages published with the private ones
    assert MARKER not in text and WORD not in text


def test_a_private_page_asks_for_its_password_and_is_never_cached(client, private_pages):
    page = private_pages["password"]

    response = client.get(page.url)

    assert response.status_code == 200
    assert MARKER not in response.content.decode().replace(page.url, "")
    assert "password" in response.content.decode().lower()
    # Unlocked for one visitor: that visitor's answer must not be kept by a shared cache.
    restriction = PageViewRestriction.objects.get(page=page)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "let-me-in", "return_url": page.url},
    )
    unlocked = client.get(page.url)
    assert WORD in unlocked.content.decode()
    cache_control = unlocked.get("Cache-Control", "")
    assert "private" in cache_control or "no-store" in cache_control
    for alias in caches:  # nothing cached holds it (the page cache included, when there is one)
        store = getattr(caches[alias], "_cache", {})
        assert not any(MARKER.encode() in repr(v).encode() for v in store.values())


def test_a_login_restricted_page_sends_visitors_to_log_in(client, private_pages):
    page = private_pages["login"]

    response = client.get(page.url)

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert MARKER not in response.content.decode()
