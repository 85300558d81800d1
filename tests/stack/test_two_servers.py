"""Two app servers, one site: a change published through one is what Varnish and the other
serve within 2 seconds (shared PostgreSQL, shared Redis page cache, Varnish purged)."""

import time

from tests.stack.content import EDITION, ZUUL, draft_zuul_title, fetch
from tests.stack.fleet import Browser


def test_a_page_published_through_one_server_is_served_updated_by_varnish_and_the_other(stack):
    server_a, server_b = stack.fleet.urls
    watched = [stack.varnish.url, server_b]
    for base in watched:
        for path in (ZUUL, EDITION):
            fetch(base + path)
            assert "marker-2s7" not in fetch(base + path)[2]
    assert fetch(server_b + EDITION)[1]["X-Page-Cache"] == "hit"  # shared Redis cache
    edition_pk = draft_zuul_title(stack.fleet, "marker-2s7")
    publisher = Browser(server_a).login("publisher", "publisher-pw")
    status, _html = publisher.confirm(f"/admin/editions/{edition_pk}/publish/")
    published_at = time.monotonic()
    assert status == 200
    pending = {(base, path) for base in watched for path in (ZUUL, EDITION)}
    while pending and time.monotonic() - published_at < 2:
        pending = {(b, p) for b, p in pending if "marker-2s7" not in fetch(b + p)[2]}
    assert not pending, f"still stale 2 s after publishing: {sorted(pending)}"
