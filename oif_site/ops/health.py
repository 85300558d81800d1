"""Liveness (/healthz), readiness (/readyz) and the running version (/version).

Readiness runs django-health-check's checks and ours (ours in the request's own thread and
database connection, through sync_to_async): the database, every migration applied,
Redis (pinged directly, when configured: the app cache itself fails soft), a media-storage
write and delete, and the heartbeats of the background worker and the release watcher. 200
when all pass, else 503; the failing components are named to staff and the OPS_ALLOWED_IPS
allowlist, the public gets the status. /metrics runs the same checks at each scrape."""

import dataclasses

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from health_check import checks
from health_check.base import HealthCheck
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis.asyncio import Redis as AsyncRedis

from base.models import Heartbeat

from .access import may_see_detail
from .version import git_commit


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration of the running code is applied (else `manage.py migrate` is due)."""

    async def run(self):
        await sync_to_async(self.check)()

    def check(self):
        try:
            loader = MigrationExecutor(connections[DEFAULT_DB_ALIAS]).loader
            # Every migration, not a plan to the leaves: one missing below an applied leaf
            # (a record lost, or applied out of order) would not be in that plan.
            missing = sorted(set(loader.graph.nodes) - set(loader.applied_migrations))
        except Exception as error:
            raise ServiceUnavailable("cannot read the applied migrations") from error
        if missing:
            names = ", ".join(f"{app}.{name}" for app, name in missing[:5])
            raise ServiceUnavailable(f"{len(missing)} migration(s) not applied: {names}")


@dataclasses.dataclass
class ProcessHeartbeat(HealthCheck):
    """A long-running process has gone round its loop within OPS_HEARTBEAT_MAX_AGE."""

    name: str = "worker"

    async def run(self):
        await sync_to_async(self.check)()

    def check(self):
        try:
            age = Heartbeat.age(self.name)
        except Exception as error:
            raise ServiceUnavailable("cannot read heartbeats") from error
        if age is None:
            raise ServiceUnavailable(f"{self.name} has never sent a heartbeat")
        if age > settings.OPS_HEARTBEAT_MAX_AGE:
            raise ServiceUnavailable(f"{self.name}: last heartbeat {age:.0f} s ago")


# The component names /readyz reports, for operators and alerts.
COMPONENTS = {
    "Database": "database",
    "Migrations": "migrations",
    "Redis": "redis",
    "Storage": "storage",
}


def component(check):
    if isinstance(check, ProcessHeartbeat):
        return f"heartbeat:{check.name}"
    return COMPONENTS.get(type(check).__name__, type(check).__name__.lower())


def redis_client():
    return AsyncRedis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
        socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
    )


def readiness_checks():
    yield checks.Database()
    yield Migrations()
    if settings.REDIS_URL:
        yield Redis(client_factory=redis_client)
    yield checks.Storage()
    for name in settings.OPS_HEARTBEATS:
        yield ProcessHeartbeat(name=name)


async def readiness():
    """{component: error text, or None when it answers}: the checks one after another, so that
    ours share the request's database connection."""
    results = [await check.get_result() for check in readiness_checks()]
    return {component(r.check): str(r.error) if r.error else None for r in results}


class ReadinessView(HealthCheckView):
    async def get(self, request, *args, **kwargs):
        results = await readiness()
        failing = sorted(name for name, error in results.items() if error)
        body = {"status": "unavailable" if failing else "ok"}
        if await sync_to_async(may_see_detail)(request):
            body["components"] = {name: error or "ok" for name, error in results.items()}
            body["failing"] = failing
            body["version"] = git_commit()
        return JsonResponse(body, status=503 if failing else 200)


def healthz(request):
    """The process answers; touches nothing else."""
    return HttpResponse("ok\n", content_type="text/plain")


def version(request):
    """The running git commit, for staff and the allowlist (a rolling deploy's check)."""
    if not may_see_detail(request):
        raise Http404
    return JsonResponse({"commit": git_commit()})
