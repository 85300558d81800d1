"""/metrics for the allowlist only, counting requests by route; the request id on the way
back and on the 500 page."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from reports.models import AnnualReportPage, EditionRelease
from tests.reports.translation_fixtures import load_japanese

pytestmark = pytest.mark.django_db
PUBLIC = "203.0.113.7"


@pytest.fixture(autouse=True)
def allowlist(settings):
    settings.OPS_ALLOWED_IPS = ["127.0.0.1", "10.1.0.0/16"]


def served(route, status, body):
    pattern = (
        r'oif_http_request_duration_seconds_count\{method="GET",'
        rf'route="{re.escape(route)}",status="{status}"\}} ([0-9.e+]+)'
    )
    match = re.search(pattern, body)
    return float(match.group(1)) if match else 0.0


def test_metrics_are_404_outside_the_allowlist():
    assert Client(REMOTE_ADDR=PUBLIC).get("/metrics").status_code == 404


def test_metrics_count_requests_by_route_name_and_status(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # rendered requests resolve their route name
    before = client.get("/metrics", REMOTE_ADDR="10.1.2.3").content.decode()
    for _ in range(3):
        assert client.get("/annual-reports/2020/").status_code == 200
    client.get("/no-such-page/")
    after = client.get("/metrics").content.decode()
    assert served("wagtail_serve", 200, after) - served("wagtail_serve", 200, before) == 3
    assert served("wagtail_serve", 404, after) - served("wagtail_serve", 404, before) == 1
    # Bounded labels: a route name, never a raw path.
    assert "/annual-reports/2020/" not in after
    for name in [
        "oif_http_request_sql_queries_bucket",
        "oif_task_queue_depth",
        "oif_task_queue_oldest_age_seconds",
        'oif_scheduled_releases{state="pending"}',
        'oif_scheduled_releases{state="failed"}',
        "oif_editions_live 1.0",
        "oif_cache_purges_sent_total",
        "oif_pdf_build_seconds",
        "oif_editions_published_total",
        "django_db_execute_total",
    ]:
        assert name in after, name


def test_live_editions_count_each_edition_once_not_its_translations(client, tmp_path):
    load_japanese(tmp_path)
    assert AnnualReportPage.objects.live().count() == 2  # English and Japanese 2020
    assert "\noif_editions_live 1.0\n" in client.get("/metrics").content.decode()


def test_metrics_name_no_page_even_to_the_allowlist(client):
    body = client.get("/metrics").content.decode()
    titles = Page.objects.filter(depth__gt=2).values_list("title", flat=True)
    assert titles and not [t for t in titles if t in body]


def test_a_request_id_is_taken_from_the_proxy_or_made(client):
    given = client.get("/healthz", headers={"X-Request-ID": "proxy-abc.123"})
    assert given["X-Request-ID"] == "proxy-abc.123"
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" injected\nline'})
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_the_500_page_shows_the_request_id_to_quote():
    browser = Client(raise_request_exception=False)
    response = browser.get("/ops/error-probe/", headers={"X-Request-ID": "quote-me-42"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "quote-me-42"
    assert "quote-me-42" in response.content.decode()
    assert Client(REMOTE_ADDR=PUBLIC).get("/ops/error-probe/").status_code == 404


def sample(body, name):
    match = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", body, re.M)
    return float(match.group(1)) if match else 0.0


def test_a_release_past_its_time_shows_as_overdue(client):
    edition = AnnualReportPage.objects.get(year=2020)
    EditionRelease.objects.create(
        edition=edition, release_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    body = client.get("/metrics").content.decode()
    assert sample(body, 'oif_scheduled_releases{state="overdue"}') == 1
    assert sample(body, 'oif_scheduled_releases{state="pending"}') == 0


def test_app_cache_hits_and_misses_are_counted(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # only the test's own gets are counted
    settings.CACHES = {"default": {"BACKEND": "oif_site.ops.cache.LocMemCache"}}
    hits, misses = (
        'oif_app_cache_hits_total{cache="locmem"}',
        'oif_app_cache_misses_total{cache="locmem"}',
    )
    before = client.get("/metrics").content.decode()
    cache.get("ops-test-key")
    cache.set("ops-test-key", "value")
    assert cache.get("ops-test-key") == "value"
    after = client.get("/metrics").content.decode()
    assert sample(after, hits) - sample(before, hits) == 1
    assert sample(after, misses) - sample(before, misses) == 1


def test_statements_and_their_errors_are_counted_by_database(client):
    """django-prometheus's django_db_* series, fed by the site's cheaper cursor wrapper."""
    vendor = connection.vendor
    executed = f'django_db_execute_total{{alias="default",vendor="{vendor}"}}'
    timed = f'django_db_query_duration_seconds_count{{alias="default",vendor="{vendor}"}}'
    failed = re.compile(
        r'^django_db_errors_total\{alias="default",type="(\w+)",'
        rf'vendor="{vendor}"\}} ([0-9.e+]+)$',
        re.M,
    )
    before = client.get("/metrics").content.decode()
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT 1")
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute("SELECT * FROM no_such_table")
    after = client.get("/metrics").content.decode()
    # The /metrics request's own statements run after the figures are read.
    assert sample(after, executed) - sample(before, executed) >= 4
    assert sample(after, timed) - sample(before, timed) >= 4
    errors = {kind: float(n) for kind, n in failed.findall(after)}
    errors_before = {kind: float(n) for kind, n in failed.findall(before)}
    assert sum(errors.values()) - sum(errors_before.values()) == 1
