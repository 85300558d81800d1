"""The edition page costs a fixed number of queries, however many sections it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports.editions import build_edition

pytestmark = pytest.mark.django_db

# One of them lists the languages the page is published in (hreflang, the switcher).
MAX_EDITION_QUERIES = 16


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """The queries of rendering the page: the page cache would answer the second view."""
    settings.PAGE_CACHE_SECONDS = 0


def render(client, edition):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(edition.url)
    assert response.status_code == 200
    return response.content.decode(), queries


def test_edition_page_queries_do_not_grow_with_sections(client):
    small, large = build_edition(2), build_edition(6)
    for edition in (small, large):
        render(client, edition)  # first views make the image renditions and fill process caches
    small_html, small_queries = render(client, small)
    large_html, large_queries = render(client, large)

    assert small_html.count('class="report-section ') == 2 * 7
    assert large_html.count('class="report-section ') == 6 * 7
    assert large_html.count('alt="A keynote stage"') == 6 * 7
    # Rich text links to pages resolve without a query each.
    assert large_html.count(f'href="{large.url}">the edition</a>') == 6 * 7 * 3
    assert len(small_queries) == len(large_queries), [q["sql"] for q in large_queries]
    assert len(large_queries) <= MAX_EDITION_QUERIES, "\n".join(q["sql"] for q in large_queries)
