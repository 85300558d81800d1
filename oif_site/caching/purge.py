"""Purging paths once the change that made them stale commits: from the page cache in Redis
and from every front cache (Varnish, Cloudflare, CloudFront), each URL counted."""

import logging
import threading

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Site

from .. import page_cache
from ..ops.metrics import PURGES_FAILED, PURGES_SENT
from .paths import SITE_WIDE, paths_for

logger = logging.getLogger(__name__)


def full_urls(paths):
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    root = site.root_url if site else "http://localhost"
    return sorted(root + path for path in paths)


class FailedPurges(logging.Handler):
    """Wagtail's front-cache backends log a failed purge (one error per URL) rather than
    raise: the errors logged by this thread while it purges are counted."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.count = 0

    def emit(self, record):
        if record.thread == self.thread:
            self.count += 1


def purge_front_cache(name, backend, urls):
    failed = FailedPurges()
    wagtail_logger = logging.getLogger("wagtail.frontendcache")
    wagtail_logger.addHandler(failed)
    try:
        backend.purge_batch(urls)
    except Exception:  # a CDN down must not undo a publication; logged, retried below
        logger.exception("Purging %d URLs from the front cache %s failed", len(urls), name)
        failed.count = len(urls)
    finally:
        wagtail_logger.removeHandler(failed)
    PURGES_SENT.labels(name).inc(len(urls))
    if failed.count:
        PURGES_FAILED.labels(name).inc(min(failed.count, len(urls)))


def purge_paths(paths, *, everything=False):
    """Purge now, from the page cache and every front cache (Varnish, Cloudflare, CloudFront);
    each URL sent and each one a target failed to purge is counted (docs/operations.md)."""
    if everything:
        page_cache.purge_everything()
    PURGES_SENT.labels("page-cache").inc(len(paths))
    if not page_cache.purge_paths(paths):
        PURGES_FAILED.labels("page-cache").inc(len(paths))
        logger.error("Purging %d paths from the page cache failed: is Redis down?", len(paths))
    urls = full_urls(paths)
    for name, backend in get_backends().items():
        purge_front_cache(name, backend, urls)


def purge_twice(paths, everything=False):
    """Purge, and again a moment later: a page rendered from the old content while the
    change committed may have reached a cache after the first purge."""
    purge_paths(paths, everything=everything)
    delay = settings.PAGE_CACHE_REPURGE_SECONDS
    if delay > 0:
        timer = threading.Timer(delay, purge_paths, args=(paths,))
        timer.start()


def purge_for(obj):
    """Purge every URL that shows obj once the current transaction commits (at once outside
    one); the paths of one transaction are purged together."""
    paths = paths_for(obj)
    if paths:
        purge_after_commit(paths, everything=isinstance(obj, SITE_WIDE))


def purge_after_commit(paths, everything=False):
    """The page cache is purged at once too: cheap, and the writing transaction (a test's, an
    admin request's) then reads its own change; the purge after commit is the one readers
    rely on, as until then they still see the old content."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        if everything:
            page_cache.purge_everything()
        page_cache.purge_paths(paths)
        savepoints = set(connection.savepoint_ids)
        for callback_savepoints, callback, _robust in connection.run_on_commit:
            batch = getattr(callback, "purge_batch", None)
            if batch is not None and callback_savepoints == savepoints and not batch["ran"]:
                batch["paths"] |= set(paths)
                batch["everything"] |= everything
                return
    batch = {"paths": set(paths), "everything": everything, "ran": False}

    def purge_on_commit():
        batch["ran"] = True
        purge_twice(batch["paths"], batch["everything"])

    purge_on_commit.purge_batch = batch
    transaction.on_commit(purge_on_commit, robust=True)
