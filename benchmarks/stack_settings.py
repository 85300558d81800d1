"""`make bench` only: production settings plus a "hello" view, the floor of a Django request
through the same gunicorn. Never the public site's settings."""

from oif_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.stack_urls"
