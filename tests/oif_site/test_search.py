"""Search at /search/: editions, sections and profiles, ranked by Wagtail's database backend
(PostgreSQL full-text search on PostgreSQL, SQLite FTS5 otherwise), with highlighted excerpts
and pages of ten. Only live, public pages are ever found.

The index is filled by Wagtail's background task on every save. The test settings run tasks
at once (django-tasks' ImmediateBackend), so the edition conftest.py loads is indexed when
the tests start, and a page saved in a test is indexed before the next line: the first test
checks that, so that "not found" below never passes on an empty index.
"""

import re

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from reports.models import AnnualReportPage, ProjectUpdatePage
from tests.reports.factories import GeneralSectionPageFactory
from tests.text import visible_text

pytestmark = pytest.mark.django_db

KATA = "/annual-reports/2020/project-updates/kata-containers/"


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response, response.content.decode()


def result_links(html):
    results = html[html.index('class="result-list"') :] if 'class="result-list"' in html else ""
    return re.findall(r'class="result__title"><a href="([^"]+)"', results)


def test_the_loaded_edition_is_in_the_search_index():
    kata = Page.objects.get(url_path__endswith="/2020/project-updates/kata-containers/")
    entry = IndexEntry.objects.get(object_id=str(kata.pk))
    assert "commit" in entry.body  # the text on SQLite, a tsvector of stems on PostgreSQL
    live_sections = ProjectUpdatePage.objects.live().count()
    indexed = IndexEntry.objects.filter(
        object_id__in=[str(pk) for pk in ProjectUpdatePage.objects.values_list("pk", flat=True)]
    ).count()
    assert indexed >= live_sections > 0


def test_the_backend_is_postgresql_full_text_search_on_postgresql():
    backend = type(get_search_backend()).__name__
    if connection.vendor == "postgresql":
        assert backend == "PostgresSearchBackend"
    else:
        assert backend == "SQLiteSearchBackend"


def test_a_phrase_from_the_kata_section_finds_it_first_with_highlights(client):
    response, html = search(client, "3,016 commits")
    links = result_links(html)
    assert links[0] == KATA
    first = html[html.index('class="result"') : html.index("</li>", html.index('class="result"'))]
    assert "2020 report · section" in first
    assert "<mark>3,016</mark> <mark>commits</mark> made by 128 authors" in first
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_a_word_finds_editions_sections_and_profiles_but_not_the_site_pages(client):
    _, html = search(client, "Kata Containers")
    links = result_links(html)
    assert "/projects/kata-containers/" in links
    assert KATA in links
    assert "/" not in links and "/projects/" not in links


def test_when_no_page_has_every_word_any_word_will_do(client):
    _, html = search(client, "Zuul xylophonic")
    assert "/projects/zuul/" in result_links(html)


def test_results_come_ten_to_a_page_with_links_between_pages(client):
    _, html = search(client, "OpenInfra")
    count = int(re.search(r"(\d+) results for", html).group(1))
    assert count > 10
    assert len(result_links(html)) == 10
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in html
    assert 'rel="next" href="?q=OpenInfra&amp;page=2"' in html
    _, second = search(client, "OpenInfra", page=2)
    assert set(result_links(second)).isdisjoint(result_links(html))
    assert 'rel="prev" href="?q=OpenInfra&amp;page=1"' in second
    _, beyond = search(client, "OpenInfra", page=999)  # the last page, not an error
    assert result_links(beyond)
    _, garbage = search(client, "OpenInfra", page="two")  # the first page
    assert result_links(garbage) == result_links(html)


def test_no_query_shows_the_form_and_no_results(client):
    _, html = search(client, "")
    assert 'role="search"' in html
    assert 'class="result-list"' not in html and "No results" not in html


def test_nothing_found_says_so_and_suggests_where_to_go(client):
    _, html = search(client, "xylophonic")
    assert "No results for “xylophonic”" in html
    assert 'href="/annual-reports/"' in html


def test_the_query_is_escaped_everywhere_it_is_shown(client):
    _, html = search(client, '<script>alert("x")</script> Zuul')
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Zuul" in html


def publish_phrase(page, phrase):
    page.body = [("text", RichText(f"<p>{phrase}</p>"))]
    page.save_revision().publish()


def test_a_phrase_only_in_a_draft_is_never_found(client):
    zuul = ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")
    zuul.body = [("text", RichText("<p>Zuul rode a quagga across the gate.</p>"))]
    zuul.save_revision()  # a draft of a live page: the public still reads the old text
    new = GeneralSectionPageFactory(
        parent=AnnualReportPage.objects.get(year=2020),
        title="Okapi sightings",
        body=[("text", RichText("<p>Nobody may read about the okapi yet.</p>"))],
        publish=False,
        live=False,
    )
    assert IndexEntry.objects.filter(object_id=str(new.pk)).exists()  # indexed, as a draft
    for phrase in ("quagga", "okapi", "Okapi sightings"):
        _, html = search(client, phrase)
        assert result_links(html) == [], phrase
        assert "No results" in html

    # Once published, the same words are found: the index was not merely empty.
    new.save_revision().publish()
    _, html = search(client, "okapi")
    assert result_links(html) == [new.url]


def test_unpublished_and_private_pages_are_never_found(client):
    zuul = ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")
    _, html = search(client, "Zuul")
    assert zuul.url in result_links(html)
    zuul.unpublish()
    _, html = search(client, "Zuul")
    assert zuul.url not in result_links(html)

    kata = Page.objects.get(url_path__endswith="/2020/project-updates/kata-containers/")
    PageViewRestriction.objects.create(
        page=kata, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    _, html = search(client, "3,016 commits")
    assert KATA not in result_links(html)


def test_results_show_the_kind_and_edition_of_each_page(client):
    _, html = search(client, "Kata Containers")
    text = visible_text(html)
    assert "Project Kata Containers" in text
    assert "2020 report · section Kata Containers 2020 Annual Report" in text
