"""Which URLs show an object, and purging them from both caches: the one place that knows.

Every change the public can see (a page published, unpublished, moved or deleted, a profile, a
Person, the site settings or their announcement, an image, a new PDF) ends in
`purge_for(obj)`: the paths that show the object are computed in `paths.py`, collected until
the change commits, then purged (`purge.py`) from the page cache in Redis
(oif_site/page_cache.py) and from the caching proxy or CDN in front
(wagtail.contrib.frontend_cache backends). The signals that call it are in oif_site/signals.py.
"""

from .paths import SITE_WIDE, page_paths, paths_for
from .purge import full_urls, purge_after_commit, purge_for, purge_paths, purge_twice

__all__ = [
    "SITE_WIDE",
    "full_urls",
    "page_paths",
    "paths_for",
    "purge_after_commit",
    "purge_for",
    "purge_paths",
    "purge_twice",
]
