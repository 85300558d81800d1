"""The API in every language: translated pages with their locale and their own address, the
English original for an untranslated one (never its stand-in), and never a draft."""

import pytest
from wagtail.models import Page

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]


def listing(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 50, **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_translated_pages_are_listed_with_their_locale_and_address(client, ja_2020):
    editions = listing(client, type="reports.AnnualReportPage", fields="year")
    by_locale = {item["meta"]["locale"]: item for item in editions}
    assert set(by_locale) == {"en", "ja"}
    assert by_locale["ja"]["meta"]["html_url"].endswith("/ja/annual-reports/2020/")
    assert by_locale["ja"]["title"] == "Open Infrastructure Foundation 2020年 年次報告書"
    japanese = listing(client, locale="ja")
    assert japanese and all(item["meta"]["locale"] == "ja" for item in japanese)
    # The stand-ins of the untranslated home and archive are not pages of their own.
    assert not {"/ja/", "/ja/annual-reports/"} & {
        item["meta"]["html_url"].split("testserver")[-1].split("localhost")[-1] for item in japanese
    }


def test_a_translation_in_draft_is_not_in_the_api(client, ja_2020):
    ja = ja_2020
    section = Page.objects.descendant_of(ja).get(slug="zuul").specific
    kind = f"reports.{type(section).__name__}"
    assert section.pk in {item["id"] for item in listing(client, locale="ja", type=kind)}
    section.unpublish()
    assert section.pk not in {item["id"] for item in listing(client, locale="ja", type=kind)}
    assert client.get(f"/api/v2/pages/{section.pk}/").status_code == 404
