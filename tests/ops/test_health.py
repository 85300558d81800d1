"""/healthz, /readyz and /version as a load balancer, an operator and the public see them."""

import datetime
import subprocess

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone

from base.models import Heartbeat

pytestmark = pytest.mark.django_db
PUBLIC = "203.0.113.7"


@pytest.fixture(autouse=True)
def ops_settings(settings):
    settings.OPS_ALLOWED_IPS = ["127.0.0.1"]
    settings.OPS_HEARTBEATS = ["worker", "release-watcher"]
    settings.OPS_HEARTBEAT_MAX_AGE = 60
    return settings


@pytest.fixture
def beating():
    Heartbeat.beat("worker")
    Heartbeat.beat("release-watcher")


def test_liveness_answers_without_asking_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Request-ID"]


def test_ready_when_every_component_answers(client, beating):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["components"]) == {
        "database",
        "migrations",
        "storage",
        "heartbeat:worker",
        "heartbeat:release-watcher",
    }
    assert set(body["components"].values()) == {"ok"}
    assert "no-store" in response["Cache-Control"]


def test_a_stopped_worker_makes_the_site_unready_and_is_named(client, beating):
    Heartbeat.objects.filter(name="worker").update(
        beat_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["heartbeat:worker"]
    assert "61 s ago" in response.json()["components"]["heartbeat:worker"]


def test_a_watcher_that_never_beat_is_named(client):
    Heartbeat.beat("worker")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["heartbeat:release-watcher"]


def test_an_unapplied_migration_makes_the_site_unready(client, beating):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'base' AND name LIKE '%heartbeats%'"
        )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]
    assert "base.0003_heartbeats" in response.json()["components"]["migrations"]


def test_the_public_gets_the_status_only():
    public = Client(REMOTE_ADDR=PUBLIC)
    response = public.get("/readyz")  # no heartbeat at all: unready
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert public.get("/version").status_code == 404


def test_staff_outside_the_allowlist_see_the_detail(admin_user, beating):
    staff = Client(REMOTE_ADDR=PUBLIC)
    staff.force_login(admin_user)
    assert staff.get("/readyz").json()["components"]["database"] == "ok"


def test_the_version_is_the_running_commit(client):
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    assert client.get("/version").json() == {"commit": head.strip()}


def test_probes_are_never_redirected_to_https(settings, beating):
    settings.SECURE_SSL_REDIRECT = True
    plain = Client()
    assert plain.get("/annual-reports/2020/").status_code == 301  # pages go to HTTPS
    assert plain.get("/healthz").status_code == 200
    assert plain.get("/readyz").status_code == 200
    settings.OPS_ALLOWED_IPS = ["127.0.0.1"]
    assert plain.get("/metrics").status_code == 200


def test_through_a_proxy_the_allowlist_gets_the_public_answer_only(beating):
    """Varnish or nginx on an allowlisted address relays the public: no detail, no metrics."""
    relayed = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=PUBLIC)
    assert relayed.get("/readyz").json() == {"status": "ok"}
    assert relayed.get("/metrics").status_code == 404
    assert relayed.get("/version").status_code == 404
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 200


def test_behind_a_trusted_proxy_an_allowlisted_operator_gets_the_detail(settings, beating):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.OPS_ALLOWED_IPS = ["192.0.2.10", "10.0.0.1"]  # the proxy itself too
    operator = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert "components" in operator.get("/readyz").json()
    assert operator.get("/metrics").status_code == 200
    for relayed in (
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=PUBLIC),
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.10, {PUBLIC}"),  # forged
        Client(REMOTE_ADDR=PUBLIC, HTTP_X_FORWARDED_FOR="192.0.2.10"),  # not our proxy
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1"),  # nobody but itself
    ):
        assert relayed.get("/readyz").json() == {"status": "ok"}
        assert relayed.get("/metrics").status_code == 404


def test_a_new_deploys_migration_not_yet_applied_makes_the_site_unready(client, beating):
    newest = max(name for app, name in MigrationLoader(None).graph.leaf_nodes() if app == "base")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'base' AND name = %s", [newest])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert f"base.{newest}" in response.json()["components"]["migrations"]
