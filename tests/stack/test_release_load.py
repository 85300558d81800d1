"""50 readers on the edition page through Varnish for 30 seconds while a Publisher publishes a
change: no reader gets an error, and every reader sees the change within 2 seconds."""

import http.client
import threading
import time
from urllib.parse import urlsplit

from tests.stack.content import EDITION, draft_zuul_title
from tests.stack.fleet import Browser

READERS = 50
SECONDS = 32
PUBLISH_AFTER = 10
MARKER = "marker-l0ad"


def read_until(stop, base, log, errors):
    """One reader: GET the edition page again and again on one connection."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while not stop.is_set():
        started = time.monotonic()
        try:
            connection.request("GET", EDITION)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(repr(error))
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            continue
        if response.status != 200:
            errors.append(f"HTTP {response.status}")
        log.append((started, MARKER.encode() in body))
    connection.close()


def test_fifty_readers_see_a_publication_within_two_seconds_and_no_error(stack):
    edition_pk = draft_zuul_title(stack.fleet, MARKER)
    publisher = Browser(stack.fleet.urls[0]).login("publisher", "publisher-pw")
    log, errors = [], []
    stop = threading.Event()
    begin = time.monotonic()
    readers = [
        threading.Thread(target=read_until, args=(stop, stack.varnish.url, log, errors))
        for _ in range(READERS)
    ]
    for reader in readers:
        reader.start()
    try:
        time.sleep(PUBLISH_AFTER)
        publishing_at = time.monotonic()
        status, _html = publisher.confirm(f"/admin/editions/{edition_pk}/publish/")
        published_at = time.monotonic()
        # Readers go on for the 30 s, and at least 5 s after the publication (a slow machine).
        time.sleep(max(begin + SECONDS - published_at, 5))
    finally:
        stop.set()
    assert status == 200
    for reader in readers:
        reader.join(timeout=60)
    assert not any(reader.is_alive() for reader in readers)

    assert time.monotonic() - begin >= 30
    assert errors == []
    before = [seen for started, seen in log if started < publishing_at]
    after = [seen for started, seen in log if started >= published_at + 2]
    assert len(log) > READERS * 10, f"only {len(log)} requests"
    assert before and not any(before), "the change showed before it was published"
    assert after and all(after), f"{after.count(False)} stale pages 2 s after publishing"
