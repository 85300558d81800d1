"""Time, queries and size of rendering the 2020 edition page, on a database of its own."""

import statistics
import time

from benchmarks.setup import fresh_site


def main(rounds=20):
    fresh_site()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    override_settings(PAGE_CACHE_SECONDS=0).enable()  # rendering, not the page cache

    client = Client()
    client.get("/annual-reports/2020/")
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/annual-reports/2020/")
        timings.append(time.perf_counter() - start)
    print(f"edition page: {len(response.content):,} bytes of HTML, {len(queries)} SQL queries")
    print(
        f"render time over {rounds} rounds: median {statistics.median(timings) * 1000:.1f} ms,"
        f" max {max(timings) * 1000:.1f} ms ({connection.vendor})"
    )
