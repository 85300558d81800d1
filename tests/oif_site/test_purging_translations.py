"""Purging in every language: a page's translations, its address under every language's
prefix (where the note linking to the original is served) and each language's feed."""

import pytest
from wagtail.models import Locale, Page

from oif_site.caching import page_paths
from tests.reports.translation_fixtures import load_japanese

pytestmark = pytest.mark.django_db


def test_publishing_a_page_purges_it_in_every_language(tmp_path):
    ja = load_japanese(tmp_path)
    ja_zuul = Page.objects.descendant_of(ja).get(slug="zuul")
    english = ja_zuul.get_translation(Locale.get_default())
    path = english.url
    assert ja_zuul.url == f"/ja{path}"

    english_paths = page_paths(english)
    assert {path, f"/ja{path}", f"/de{path}", f"/zh-hans{path}"} <= english_paths
    assert {"/feeds/annual-reports.atom", "/ja/feeds/annual-reports.atom"} <= english_paths

    japanese_paths = page_paths(ja_zuul)
    assert {path, f"/ja{path}", "/ja/annual-reports/2020/"} <= japanese_paths
