"""Malformed queries get a 400 that names what was wrong, never a 500; a page of results has a
cap; a listing costs the same number of SQL queries however many pages it returns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

MALFORMED = {
    "/api/v2/pages/?limit=51": "limit cannot be higher than 50",
    "/api/v2/pages/?limit=-1": "limit must be a positive integer",
    "/api/v2/pages/?limit=ten": "limit must be a positive integer",
    "/api/v2/pages/?offset=-5": "offset must be a positive integer",
    "/api/v2/pages/?colour=red": "not an operation or a recognised field: colour",
    "/api/v2/pages/?fields=nonsense": "unknown fields: nonsense",
    "/api/v2/pages/?fields=title(": "fields error",
    "/api/v2/pages/?type=reports.NoSuchPage": "type doesn't exist",
    "/api/v2/pages/?type=nonsense": "type doesn't exist",
    "/api/v2/pages/?year=twenty": "year must be a year such as 2020, not 'twenty'",
    "/api/v2/pages/?year=20201": "year must be a year such as 2020",
    "/api/v2/pages/?project=no-such-project": "project: no project 'no-such-project'",
    "/api/v2/pages/?working_group=nope": "working_group: no working group 'nope'",
    "/api/v2/pages/?order=nonsense": "cannot order by 'nonsense' (unknown field)",
    "/api/v2/pages/?order=random&offset=3": "random ordering with offset is not supported",
    "/api/v2/pages/?child_of=abc": "child_of must be a positive integer",
    "/api/v2/pages/?descendant_of=999999": "ancestor page doesn't exist",
    "/api/v2/pages/?type=reports.AnnualReportPage&year=abc": "year must be a year",
    "/api/v2/pages/?rich_text_format=pdf": "rich_text_format",
    "/api/v2/images/?limit=1000": "limit cannot be higher than 50",
    "/api/v2/images/?fields=body": "unknown fields: body",
    "/api/v2/documents/?tags=x&search=y": "",
}


def test_twenty_malformed_queries_are_400s_that_name_the_problem(client):
    assert len(MALFORMED) >= 20
    for url, message in MALFORMED.items():
        response = client.get(url)
        assert response.status_code == 400, (url, response.status_code)
        assert message in response.json()["message"], (url, response.json())


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), len(response.json()["items"])


@pytest.mark.parametrize(
    "listing",
    [
        "/api/v2/pages/?year=2020",
        "/api/v2/pages/?type=reports.ProjectUpdatePage&fields=body,project",
        "/api/v2/pages/?type=reports.LetterPage&fields=*",
        "/api/v2/pages/?type=reports.EventPage&fields=*",
    ],
)
def test_a_listing_runs_the_same_queries_for_one_page_as_for_all(client, listing, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the view is measured, not the page cache
    client.get(f"{listing}&limit=1")  # warms Wagtail's site-root cache, as any earlier request
    one, _ = queries_for(client, f"{listing}&limit=1")
    every, count = queries_for(client, f"{listing}&limit=50")
    assert count > 1
    assert every == one
