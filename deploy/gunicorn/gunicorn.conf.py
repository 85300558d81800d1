"""gunicorn settings for production (docs/operations.md): the Procfile's `web` process,
`gunicorn -c deploy/gunicorn/gunicorn.conf.py`.

Graceful reloads (SIGHUP) start new workers before the old ones finish their requests; with
PROMETHEUS_MULTIPROC_DIR set (emptied before the services start), a dead worker's files are
marked dead so that a scrape adds up only what it should."""

import os

from prometheus_client import multiprocess

# GUNICORN_BIND, else BIND_ADDRESS and PORT (honcho's --port and PaaS platforms set PORT).
bind = os.environ.get("GUNICORN_BIND") or (
    f"{os.environ.get('BIND_ADDRESS', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
wsgi_app = "oif_site.wsgi"
workers = int(os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or "2")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = None  # one JSON line per request comes from the site itself, redacted
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
