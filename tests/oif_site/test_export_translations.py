"""The static export holds every language published: the Japanese edition under /ja/, its
feed and search page, links that resolve, and never a draft of a translation."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.rich_text import RichText

from tests.oif_site.export_helpers import broken_links, exported_text
from tests.reports.translation_fixtures import load_japanese

pytestmark = pytest.mark.django_db

MARKER = "zq7translationdraft"


def test_the_export_holds_the_published_translation_and_no_draft(tmp_path, keep_2020_pdf):
    ja = load_japanese(tmp_path / "source")
    section = Page.objects.descendant_of(ja).get(slug="zuul").specific
    draft = section.get_latest_revision_as_object()
    draft.body = [("text", RichText(f"<p>{MARKER}</p>"))]
    draft.save_revision()

    out = tmp_path / "site"
    call_command("export_static", str(out), stdout=StringIO())
    edition = (out / "ja/annual-reports/2020/index.html").read_text()
    assert '<html lang="ja"' in edition
    assert "年次報告書" in edition
    for path in ("ja/feeds/annual-reports.atom", "ja/search/index.html"):
        assert (out / path).is_file(), path
    assert 'hreflang="ja"' in (out / "annual-reports/2020/index.html").read_text()
    for path, text in exported_text(out).items():
        assert MARKER not in text, path
    broken, _checked = broken_links(out, "http://localhost")
    assert broken == []
