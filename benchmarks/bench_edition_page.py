"""Time, queries and size of rendering the 2020 edition page, on a database of its own."""

import io
import os
import statistics
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(rounds=20):
    workdir = tempfile.mkdtemp(prefix="oif-bench-")
    # Never the developer's database: a fresh SQLite file unless BENCH_DATABASE_URL names one.
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    warnings.filterwarnings("ignore", message="No directory at")
    os.environ["DJANGO_SETTINGS_MODULE"] = "oif_site.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_edition", str(ROOT / "content/editions/2020.yaml"), stdout=io.StringIO())
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
