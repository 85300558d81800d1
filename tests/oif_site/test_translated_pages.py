"""Readers of a translated edition: its pages under /ja/, the language switcher and hreflang
listing exactly the published translations, the English original for what is not translated,
search, feed and sitemap per language, and never a draft through any of them."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import Page

from reports.models import AnnualReportPage, TranslationCredit

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]

EDITION, JA_EDITION = "/annual-reports/2020/", "/ja/annual-reports/2020/"
NOTE = "This page is not available in 日本語 yet."


@pytest.fixture
def ja(ja_2020):
    return ja_2020


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def hreflangs(html):
    """{language: path} of the page's alternates (absolute URLs on the site's own host)."""
    found = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="https?://[^/]+([^"]+)">', html
    )
    return dict(found)


def switcher(html):
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S)
    return re.findall(r'hreflang="([^"]+)"', nav.group(0)) if nav else []


def ja_section(ja, slug):
    return Page.objects.descendant_of(ja).get(slug=slug).specific


def test_the_japanese_edition_shows_every_section_in_japanese(client, ja):
    html = get(client, JA_EDITION)
    assert '<html lang="ja">' in html
    for section in Page.objects.descendant_of(ja).live().specific():
        assert escape(section.title) in html
        # Project names stay as they are (Zuul); the text of every section is Japanese.
        body = getattr(section, "body", None)
        raw = json.dumps(list(body.raw_data), ensure_ascii=False) if body is not None else ""
        text = f"{section.title} {raw}"
        japanese = re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)
        assert japanese or section.get_children().exists(), section.url
    assert "English original</a> is authoritative" in html
    assert 'href="/annual-reports/2020/" hreflang="en">English original' in html
    credit = TranslationCredit.objects.get(edition=ja)
    assert credit.translator_names  # the translators are credited
    assert escape(", ".join(credit.translator_names)) in html


def test_hreflang_and_switcher_list_exactly_the_published_translations(client, ja):
    expected = {"en": EDITION, "ja": JA_EDITION, "x-default": EDITION}
    assert hreflangs(get(client, EDITION)) == expected
    assert hreflangs(get(client, JA_EDITION)) == expected
    assert switcher(get(client, EDITION)) == ["en", "ja"]  # not ko, de…: nothing there

    letter = ja_section(ja, "chairmans-note")
    letter.unpublish()
    english_letter = get(client, "/annual-reports/2020/chairmans-note/")
    assert "ja" not in hreflangs(english_letter) and switcher(english_letter) == []


def test_an_untranslated_page_links_to_the_english_original(client, ja):
    ja_section(ja, "chairmans-note").unpublish()
    html = get(client, "/ja/annual-reports/2020/chairmans-note/")
    assert NOTE in html
    assert 'href="/annual-reports/2020/chairmans-note/" hreflang="en"' in html
    html = get(client, "/ko/annual-reports/2020/")  # a language with nothing translated
    assert "This page is not available in 한국어 yet." in html
    get(client, "/ja/annual-reports/2020/no-such-section/", status=404)


def test_a_draft_translation_never_leaks(client, ja):
    ja.unpublish()
    html = get(client, JA_EDITION)
    assert NOTE in html and ja.title not in html
    section = ja_section(ja, "chairmans-note")
    html = get(client, "/ja/annual-reports/2020/chairmans-note/")
    assert section.title not in html and NOTE in html
    assert "ja" not in hreflangs(get(client, EDITION))
    assert "/ja/annual-reports/" not in get(client, "/sitemap.xml")
    assert "/ja/annual-reports/2020/" not in get(client, "/ja/feeds/annual-reports.atom")
    assert section.title not in get(client, "/ja/search/?q=Zuul")


def test_search_and_feed_are_per_language(client, ja):
    ja_results = get(client, "/ja/search/?q=Zuul")
    en_results = get(client, "/search/?q=Zuul")
    assert 'href="/ja/annual-reports/2020/' in ja_results
    assert 'href="/annual-reports/2020/' not in ja_results
    assert "/ja/" not in en_results
    feed = get(client, "/ja/feeds/annual-reports.atom")
    links = re.findall(r'<entry>.*?<link href="([^"]+)" rel="alternate"', feed, re.S)
    assert links and all("/ja/" in link for link in links)
    assert "/ja/" not in get(client, "/feeds/annual-reports.atom")


def test_the_sitemap_lists_the_alternates(client, ja):
    sitemap = get(client, "/sitemap.xml")
    assert re.search(r"<loc>https?://[^/]+/ja/annual-reports/2020/</loc>", sitemap)
    assert re.search(
        r'<xhtml:link rel="alternate" hreflang="ja" href="https?://[^/]+/ja/annual-reports/2020/"/>',
        sitemap,
    )


def test_the_japanese_edition_page_runs_a_fixed_number_of_queries(client, ja, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the queries of rendering, not of the page cache's answer

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(JA_EDITION).status_code == 200
        return len(queries)

    client.get(JA_EDITION)  # warm: the site's root paths and locales are cached after it
    full = count()
    for page in Page.objects.descendant_of(ja).filter(depth=ja.depth + 2)[:5]:
        page.unpublish()
    assert count() == full
    english = AnnualReportPage.objects.get(year=2020, locale__language_code="en")
    client.get(english.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(english.url)
    # The language's locale, the English original, the credits: nothing per section.
    assert full - len(queries) <= 6


def test_the_japanese_figures_download_under_a_name_of_their_own(client, ja):
    names = {}
    for path in (
        f"{EDITION}figures.csv",
        f"{JA_EDITION}figures.csv",
        "/ja/projects/zuul/figures.csv",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        names[path] = response["Content-Disposition"]
    assert names[f"{EDITION}figures.csv"] == (
        'inline; filename="openinfra-annual-report-2020-figures.csv"'
    )
    assert names[f"{JA_EDITION}figures.csv"] == (
        'inline; filename="openinfra-annual-report-2020-ja-figures.csv"'
    )
    assert names["/ja/projects/zuul/figures.csv"] == 'inline; filename="zuul-ja-figures.csv"'
