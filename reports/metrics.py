"""Metrics of the edition's life: PDF builds, publications and scheduled releases
(prometheus_client; served with the site's own at /metrics)."""

from prometheus_client import Counter, Histogram

PDF_BUILD_SECONDS = Histogram(
    "oif_pdf_build_seconds",
    "Time to render and store an edition's PDF.",
    buckets=(1, 2.5, 5, 10, 20, 40, 60, 120, 300),
)
PDF_BUILD_FAILURES = Counter("oif_pdf_build_failures", "PDF builds that raised an error.")
EDITIONS_PUBLISHED = Counter(
    "oif_editions_published", "Editions published whole (by staff or a scheduled release)."
)
RELEASES_FAILED = Counter(
    "oif_scheduled_release_failures", "Scheduled releases that could not publish their edition."
)
