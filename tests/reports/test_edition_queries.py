"""The edition page costs a fixed number of queries, however many sections it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from tests.reports.factories import (
    AnnualReportPageFactory,
    ChapterPageFactory,
    EventPageFactory,
    GeneralSectionPageFactory,
    LetterPageFactory,
    ProjectUpdatePageFactory,
    WorkingGroupUpdatePageFactory,
)

pytestmark = pytest.mark.django_db


def rich_body(image):
    return [
        ("text", RichText("<p>Modern cars contain millions of lines of code [0].</p>")),
        ("heading", {"text": "Highlights", "level": "3"}),
        ("list", {"style": "bulleted", "items": [RichText("one"), RichText("two")]}),
        ("image", {"image": image, "alt_text": "A keynote stage", "caption": "Keynotes"}),
        ("key_figures", {"title": "", "figures": [{"value": "3,016", "label": "commits"}]}),
        ("timeline", {"title": "Key dates", "events": [{"date": "May 2020", "text": "Launch"}]}),
        ("link_list", {"title": "", "links": [{"label": "Code", "url": "https://opendev.org/"}]}),
        ("footnotes", {"notes": [{"label": "0", "text": RichText("A source")}]}),
    ]


def build_edition(units):
    """An edition with `units` times one section of every type (6 pages each)."""
    from wagtail.images.models import Image

    edition = AnnualReportPageFactory()
    for n in range(units):
        image = Image.objects.create(title=f"photo {n}", file=get_test_image_file())
        body = rich_body(image)
        LetterPageFactory(parent=edition, body=body)
        chapter = ChapterPageFactory(parent=edition, body=body)
        ProjectUpdatePageFactory(parent=chapter, body=body)
        WorkingGroupUpdatePageFactory(parent=chapter, body=body)
        EventPageFactory(
            parent=chapter, body=body, figures=[("figure", {"value": "10,000", "label": "people"})]
        )
        section = GeneralSectionPageFactory(parent=chapter, body=body)
        GeneralSectionPageFactory(parent=section, body=body)
    return edition


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """The queries of rendering the page: the page cache would answer the second view."""
    settings.PAGE_CACHE_SECONDS = 0


def render(client, edition):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(edition.url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_edition_page_queries_do_not_grow_with_sections(client):
    small, large = build_edition(2), build_edition(6)
    for edition in (small, large):
        render(client, edition)  # first views make the image renditions and fill process caches
    small_html, small_queries = render(client, small)
    large_html, large_queries = render(client, large)

    assert small_html.count('class="report-section ') == 2 * 7
    assert large_html.count('class="report-section ') == 6 * 7
    assert large_html.count('alt="A keynote stage"') == 6 * 7
    assert small_queries == large_queries
