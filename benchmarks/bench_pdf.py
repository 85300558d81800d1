"""Time, peak memory and size of building the 2020 PDF, on a database and media of its own.

`main()` runs the measurement in a process of its own: `make bench` sets Django up once for
every benchmark, and the PDF's peak memory must not include the other benchmarks' pages.
"""

import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from benchmarks.setup import fresh_site

ROOT = Path(__file__).resolve().parent.parent


def main():
    subprocess.run([sys.executable, "-m", "benchmarks.bench_pdf"], cwd=ROOT, check=True)


def measure(rounds=3):
    # Loading publishes the edition, which builds its PDF once: the warm-up round.
    fresh_site(prefix="oif-bench-pdf-")
    from django.db import connection

    from reports.models import AnnualReportPage
    from reports.pdf.build import build_edition_pdf

    edition = AnnualReportPage.objects.get(year=2020, locale__language_code="en")

    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        pdf = build_edition_pdf(edition.pk, force=True).pdf
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    build_edition_pdf(edition.pk, force=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    print(f"2020 PDF: {pdf.size} bytes ({pdf.size / 2**10:.0f} KiB), {pdf.page_count} pages")
    print(
        f"build time over {rounds} rounds: best {min(timings):.2f} s,"
        f" max {max(timings):.2f} s ({connection.vendor})"
    )
    print(
        f"peak memory: {peak / 2**20:.1f} MiB allocated by Python in one build (tracemalloc),"
        f" {max_rss / 2**10:.0f} MiB resident at most for the process (ru_maxrss)"
    )


if __name__ == "__main__":
    measure()
