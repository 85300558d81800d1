"""/metrics: every process's metrics (multiprocess mode) and the figures computed at scrape time
(readiness, queue depth, releases); the allowlist only, else 404."""

import contextlib
import os

from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from base.models import Heartbeat
from reports.models import AnnualReportPage, EditionRelease

from .access import client_allowed
from .health import readiness


class SiteStateCollector:
    """Gauges computed at scrape time: the readiness checks of /readyz (so that the
    ReadinessFailing alert needs nothing but this scrape), the task queue and the releases."""

    def collect(self):
        results = async_to_sync(readiness)()
        ready = GaugeMetricFamily(
            "oif_readiness",
            "1 if the component answers /readyz's check, else 0.",
            labels=["component"],
        )
        for name, error in results.items():
            ready.add_metric([name], 0 if error else 1)
        yield ready
        state = []
        if results.get("database") is None:  # the rest is read from the database
            with contextlib.suppress(DatabaseError):  # down since the check: said next time
                state = list(self.site_state())
        yield from state

    def site_state(self):
        now = timezone.now()
        queued = DBTaskResult.objects.filter(status="READY")
        depth = GaugeMetricFamily("oif_task_queue_depth", "Tasks waiting for the worker.")
        depth.add_metric([], queued.count())
        yield depth
        oldest = queued.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        age = GaugeMetricFamily(
            "oif_task_queue_oldest_age_seconds", "Age of the oldest waiting task (0: none)."
        )
        age.add_metric([], (now - oldest).total_seconds() if oldest else 0)
        yield age
        pending = EditionRelease.objects.filter(released_at__isnull=True)
        releases = GaugeMetricFamily(
            "oif_scheduled_releases", "Scheduled edition releases not yet live.", labels=["state"]
        )
        releases.add_metric(["pending"], pending.filter(release_at__gt=now).count())
        releases.add_metric(["overdue"], pending.filter(release_at__lte=now).count())
        releases.add_metric(["failed"], pending.exclude(failure="").count())
        yield releases
        beats = GaugeMetricFamily(
            "oif_heartbeat_timestamp_seconds",
            "When each long-running process last went round its loop (Unix time).",
            labels=["process"],
        )
        for name, beat_at in Heartbeat.objects.values_list("name", "beat_at"):
            beats.add_metric([name], beat_at.timestamp())
        yield beats
        live = GaugeMetricFamily(
            "oif_editions_live", "Editions the public can read (each once: its translations not)."
        )
        # The source language's: a translated edition is the same edition in another language.
        source = AnnualReportPage.objects.live().filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        live.add_metric([], source.count())
        yield live


def exposition():
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    state = CollectorRegistry()
    state.register(SiteStateCollector())
    return generate_latest(registry) + generate_latest(state)


def metrics_view(request):
    if not client_allowed(request):
        raise Http404
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
