"""The site's own Prometheus metrics (prometheus_client). Other modules increment them;
oif_site/ops/exposition.py serves them. With PROMETHEUS_MULTIPROC_DIR set (gunicorn, the worker
and the watcher share it), each process writes its own files and a scrape adds them up."""

from prometheus_client import Counter, Histogram

REQUESTS = Histogram(
    "oif_http_request_duration_seconds",
    "Time to answer a request, by route name, method and status (count: requests).",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SQL_QUERIES = Histogram(
    "oif_http_request_sql_queries",
    "SQL queries run to answer one request, by route name.",
    ["route"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500),
)
# Purges (oif_site/caching/): one per URL and target, the target being the page cache in
# Redis ("page-cache") or a front cache named in WAGTAILFRONTENDCACHE ("proxy0", "cloudflare").
PURGES_SENT = Counter("oif_cache_purges_sent", "URLs sent to be purged, by target.", ["target"])
PURGES_FAILED = Counter(
    "oif_cache_purges_failed", "URLs a target failed to purge (stale pages possible).", ["target"]
)
# Reads of the app cache (oif_site/ops/cache.py), one per key, by backend.
CACHE_HITS = Counter("oif_app_cache_hits", "App-cache reads that found a value.", ["cache"])
CACHE_MISSES = Counter("oif_app_cache_misses", "App-cache reads that found nothing.", ["cache"])
# Requests the whole-page cache looked up (oif_site/page_cache.py), by route name and result.
PAGE_CACHE = Counter(
    "oif_page_cache_lookups",
    "Page-cache lookups, by route name and hit or miss.",
    ["route", "result"],
)
