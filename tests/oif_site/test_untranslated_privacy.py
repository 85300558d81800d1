"""With nothing translated yet, a page under a language's prefix stands in for the English
original only while readers may follow the link to it (the translated case is in
test_translation_privacy, whose module loads the Japanese edition)."""

import pytest
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

NOTE = "This page is not available in 日本語 yet."


def get(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode(errors="replace")


@pytest.mark.parametrize("hide", ["unpublish", "private"])
def test_an_untranslated_page_never_links_to_an_original_readers_cannot_read(client, hide):
    english = Page.objects.get(url_path__endswith="/2020/chairmans-note/")
    path = english.url
    assert NOTE in get(client, f"/ja{path}")[1]  # nothing is translated: the note, linked
    if hide == "unpublish":
        english.unpublish()
    else:
        PageViewRestriction.objects.create(page=english, restriction_type="password", password="x")
    status, html = get(client, f"/ja{path}")
    # Unpublished: nothing there; private: the page's own password form, as in English.
    assert status == (404 if hide == "unpublish" else 200)
    assert NOTE not in html and "Read the English original" not in html
    assert english.title not in html
