"""A translation readers may not see yet (a draft, a private page, the translation of an edition
not released) stays out of every public door: its /ja/ address, the language switcher and
hreflang of the English page, the sitemap, the API, the feed, search, the figures and the PDF."""

import json
import re

import pytest
from wagtail.models import Locale, Page, PageViewRestriction

from reports.pdf.build import build_edition_pdf
from tests.reports.pdf_helpers import pdftotext

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]

CJK_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{6,}")
NOTE = "This page is not available in 日本語 yet."


@pytest.fixture
def ja(ja_2020):
    return ja_2020


def get(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode(errors="replace")


def japanese_text(section):
    """A run of Japanese words from the section's body, found nowhere else on the site."""
    raw = json.dumps(list(section.body.raw_data), ensure_ascii=False)
    return max(CJK_RUN.findall(raw), key=len)


def pdf_text(build):
    return re.sub(r"\s+", "", pdftotext(build.pdf.file.open("rb").read(), raw=False))


def alternates(html):
    return set(re.findall(r'hreflang="([^"]+)"', html))


def api_items(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 50, "locale": "ja", **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def doors(client, section, secret):
    """{door: whether the section shows through it}."""
    _status, english = get(client, section.url.removeprefix("/ja"))
    kind = f"reports.{type(section).__name__}"  # a few pages: one page of results holds them
    return {
        "hreflang and switcher": "ja" in alternates(english),
        "sitemap": section.url in get(client, "/sitemap.xml")[1],
        "API listing": section.pk in {item["id"] for item in api_items(client, type=kind)},
        "API detail": client.get(f"/api/v2/pages/{section.pk}/").status_code == 200,
        "feed": section.url in get(client, "/ja/feeds/annual-reports.atom")[1],
        "search": section.url in get(client, f"/ja/search/?q={section.title}")[1],
        "its address": secret in get(client, section.url)[1],
        "the edition page": secret in get(client, "/ja/annual-reports/2020/")[1],
    }


def assert_hidden(client, section, secret):
    shown = doors(client, section, secret)
    assert not any(shown.values()), shown


@pytest.mark.parametrize("hide", ["draft", "private"])
def test_a_hidden_translated_section_shows_nowhere(client, ja, hide):
    section = Page.objects.descendant_of(ja).get(slug="zuul").specific
    secret = japanese_text(section)
    shown = doors(client, section, secret)
    assert all(shown.values()), shown  # every door shows it while it is public
    if hide == "draft":
        section.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert_hidden(client, section, secret)
    assert secret not in pdf_text(build_edition_pdf(ja.pk, force=True))


def test_the_translation_of_an_unreleased_edition_shows_nowhere(client, ja):
    section = Page.objects.descendant_of(ja).get(slug="zuul").specific
    secret = japanese_text(section)
    shown = doors(client, section, secret)
    assert all(shown.values()), shown
    assert secret in pdf_text(build_edition_pdf(ja.pk, force=True))  # while it was released
    ja.unpublish()  # its sections stay live: they wait for the edition, as in the source
    section.refresh_from_db()
    assert section.live
    assert_hidden(client, section, secret)
    assert NOTE in get(client, section.url)[1]  # the English original, as when untranslated
    html = get(client, ja.url)[1]
    assert ja.title not in html and NOTE in html
    for path in ("pdf/", "figures.csv", "figures.json"):
        response = client.get(ja.url + path)
        assert response.get("Content-Type", "").startswith("text/html"), path
        assert secret not in response.content.decode(errors="replace")
    assert build_edition_pdf(ja.pk).status == "withdrawn"


@pytest.mark.parametrize("hide", ["withdraw", "private"])
def test_the_english_original_is_linked_only_while_readers_can_follow_the_link(client, ja, hide):
    english = Page.objects.get(pk=ja.get_translation(Locale.get_default()).pk)
    path = english.url
    if hide == "withdraw":
        Page.objects.filter(pk=english.pk).update(live=False)
    else:
        PageViewRestriction.objects.create(page=english, restriction_type="password", password="x")
    status, html = get(client, ja.url)
    assert status == 200
    assert "The English original is authoritative." in html
    assert f'href="{path}" hreflang="en"' not in html


@pytest.mark.parametrize("hide", ["unpublish", "private"])
def test_a_page_left_untranslated_in_a_translated_edition_hides_as_its_original_does(
    client, ja, hide
):
    english = Page.objects.get(
        url_path__endswith="/2020/chairmans-note/", locale__language_code="en"
    )
    english.get_translation(ja.locale).delete()
    path = english.url
    assert NOTE in get(client, f"/ja{path}")[1]  # not translated: the note, linked
    if hide == "unpublish":
        english.unpublish()
    else:
        PageViewRestriction.objects.create(page=english, restriction_type="password", password="x")
    status, html = get(client, f"/ja{path}")
    # Unpublished: nothing there; private: the page's own password form, as in English.
    assert status == (404 if hide == "unpublish" else 200)
    assert NOTE not in html and "Read the English original" not in html
    assert english.title not in html
    if hide == "private":
        assert 'name="password"' in html
