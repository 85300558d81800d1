"""Languages in addresses: every English address that worked before translations keeps
working unchanged (no prefix, no redirect), and a first visit to `/` follows the browser's
languages to a language the site is published in."""

import pytest
from wagtail.models import Locale, Page

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]

# Addresses that are not pages, as they were before translations.
ENGLISH_ADDRESSES = [
    "/search/",
    "/search/?q=zuul",
    "/feeds/annual-reports.atom",
    "/sitemap.xml",
    "/robots.txt",
    "/data/",
    "/data/figures.csv",
    "/api/v2/pages/",
    "/annual-reports/2020/figures.csv",
    "/annual-reports/2020/pdf/",
]


@pytest.fixture
def ja(ja_2020):
    return ja_2020


def test_every_english_address_keeps_working_unprefixed(client, ja):
    pages = Page.objects.live().public().filter(locale=Locale.get_default()).filter(depth__gt=1)
    paths = [page.url for page in pages]
    assert "/" in paths and "/annual-reports/2020/" in paths and len(paths) > 20
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en"' in response.content.decode(), path
    for path in ENGLISH_ADDRESSES:
        assert client.get(path).status_code == 200, path


def test_a_first_visit_to_the_home_page_follows_accept_language(client, ja):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"].startswith("/ja/")
    assert client.get(response["Location"]).status_code == 200
    assert "Accept-Language" in response["Vary"]


def test_english_and_unpublished_languages_stay_on_the_english_home_page(client, ja):
    for accept in ("en-GB,en;q=0.8", "de,en;q=0.5", ""):  # German: configured, not published
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200, accept
        assert '<html lang="en"' in response.content.decode()


def test_a_reader_who_chose_english_is_not_sent_back(client, ja):
    """From the language switcher (a page of this site) or with the language cookie."""
    response = client.get(
        "/", HTTP_ACCEPT_LANGUAGE="ja", HTTP_REFERER="http://testserver/ja/annual-reports/2020/"
    )
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # not kept for other readers' first visits
    client.cookies["django_language"] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja").status_code == 200


def test_without_a_translation_published_nobody_is_redirected(client, ja):
    Page.objects.descendant_of(ja, inclusive=True).update(live=False)
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja").status_code == 200


def test_the_cached_english_home_page_still_redirects_first_visits(client, ja):
    """The page cache keeps `/` in English; the redirect is decided before it is looked up."""
    for _ in range(2):
        english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.get("X-Page-Cache") == "hit"
    assert "Accept-Language" in english["Vary"]  # for the caches in front of the site
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5")
    assert response.status_code == 302 and response["Location"].startswith("/ja/")
