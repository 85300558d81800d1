"""A translation readers may not see yet (a draft, a private page, the translation of an edition
not released) stays out of every public door: its /ja/ address, the language switcher and
hreflang of the English page, the sitemap, the API, the feed, search, the figures and the PDF."""

import json
import re

import pytest
from wagtail.models import Page, PageViewRestriction

from reports.pdf.build import build_edition_pdf
from tests.reports.pdf_helpers import pdftotext
from tests.reports.translation_fixtures import load_japanese

pytestmark = pytest.mark.django_db

CJK_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{6,}")
NOTE = "This page is not available in 日本語 yet."


@pytest.fixture
def ja(tmp_path):
    return load_japanese(tmp_path)


def get(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode(errors="replace")


def japanese_text(section):
    """A run of Japanese words from the section's body, found nowhere else on the site."""
    raw = json.dumps(list(section.body.raw_data), ensure_ascii=False)
    return max(CJK_RUN.findall(raw), key=len)


def alternates(html):
    return set(re.findall(r'hreflang="([^"]+)"', html))


def api_items(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 100, "locale": "ja", **params})
    assert response.status_code == 200
    return response.json()["items"]


def assert_hidden(client, section, secret):
    english_url = section.url.removeprefix("/ja")
    status, english = get(client, english_url)
    assert status == 200 and "ja" not in alternates(english)  # neither hreflang nor switcher
    _status, sitemap = get(client, "/sitemap.xml")
    assert section.url not in sitemap
    assert section.pk not in {item["id"] for item in api_items(client)}
    assert client.get(f"/api/v2/pages/{section.pk}/").status_code == 404
    assert secret not in json.dumps(
        api_items(client, fields="body", type="reports.AnnualReportPage"), ensure_ascii=False
    )
    for path in ("/ja/feeds/annual-reports.atom", f"/ja/search/?q={secret}", "/ja/"):
        _status, html = get(client, path)
        assert secret not in html and section.url not in html, path
    _status, html = get(client, section.url)
    assert secret not in html


@pytest.mark.parametrize("hide", ["draft", "private"])
def test_a_hidden_translated_section_shows_nowhere(client, ja, hide):
    section = Page.objects.descendant_of(ja).get(slug="zuul").specific
    secret = japanese_text(section)
    if hide == "draft":
        section.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert_hidden(client, section, secret)
    _status, edition = get(client, ja.url)
    assert secret not in edition and section.title not in edition
    build = build_edition_pdf(ja.pk, force=True)
    text = re.sub(r"\s+", "", pdftotext(build.pdf.file.open("rb").read(), raw=False))
    assert secret not in text


def test_the_translation_of_an_unreleased_edition_shows_nowhere(client, ja):
    build_edition_pdf(ja.pk, force=True)  # it had a PDF while it was released
    ja.unpublish()  # its sections stay live: they wait for the edition, as in the source
    section = Page.objects.descendant_of(ja).get(slug="zuul").specific
    assert section.live
    secret = japanese_text(section)
    assert_hidden(client, section, secret)
    status, html = get(client, section.url)
    assert NOTE in html  # the English original, as for any untranslated page
    status, html = get(client, ja.url)
    assert ja.title not in html and NOTE in html
    for path in ("pdf/", "figures.csv", "figures.json"):
        response = client.get(ja.url + path)
        assert response.get("Content-Type", "").startswith("text/html"), path
        assert secret not in response.content.decode(errors="replace")
    assert build_edition_pdf(ja.pk).status == "withdrawn"
