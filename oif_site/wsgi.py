"""The WSGI application (gunicorn: deploy/gunicorn/gunicorn.conf.py, the Procfile, `make bench`).

The objects Django and Wagtail create at start-up live as long as the process: frozen, the
garbage collector no longer walks them (a full collection cost ~10 ms of an edition page's
render), and young collections run less often (benchmarks/profile_requests.py measures both)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oif_site.settings.production")

application = get_wsgi_application()
gc.freeze()
gc.set_threshold(10_000, 20, 100)
