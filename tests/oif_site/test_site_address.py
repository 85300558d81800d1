"""The public address and name come from the environment (SITE_URL, SITE_NAME): setup_site
gives them to Wagtail's Site, and every absolute link the site makes uses them."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from reports.models import AnnualReportPage
from reports.pdf.render import render_html
from tests.conftest import ROOT
from tests.reports.editions import build_edition

pytestmark = pytest.mark.django_db

ADDRESS = "https://report.example.org"


@pytest.fixture
def configured(settings):
    settings.SITE_URL = ADDRESS
    settings.SITE_NAME = settings.WAGTAIL_SITE_NAME = "OpenInfra Report (test)"  # as base.py
    call_command("setup_site")
    return Site.objects.get(is_default_site=True)


def test_setup_site_gives_the_site_its_address_and_name(configured, admin_client):
    assert (configured.hostname, configured.port) == ("report.example.org", 443)
    assert configured.site_name == "OpenInfra Report (test)"
    assert configured.root_url == ADDRESS
    assert "OpenInfra Report (test)" in admin_client.get("/admin/").content.decode()


def test_every_absolute_link_uses_the_configured_address(configured, client):
    html = client.get("/annual-reports/2020/").content.decode()
    assert f'<link rel="canonical" href="{ADDRESS}/annual-reports/2020/">' in html
    assert f'property="og:image" content="{ADDRESS}/static/' in html
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert f'"url":"{ADDRESS}/annual-reports/2020/"' in data
    assert json.loads(data)["@graph"][1]["itemListElement"][0]["item"] == f"{ADDRESS}/"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{ADDRESS}/annual-reports/2020/</loc>" in sitemap
    assert "localhost" not in sitemap and "testserver" not in sitemap
    feed = client.get("/feeds/annual-reports.atom").content.decode()
    assert f'href="{ADDRESS}/annual-reports/2020/"' in feed
    assert "testserver" not in feed and "localhost" not in feed
    assert f"Sitemap: {ADDRESS}/sitemap.xml" in client.get("/robots.txt").content.decode()
    cover = render_html(AnnualReportPage.objects.get(year=2020))
    assert f'Also on the web: <a href="{ADDRESS}/annual-reports/2020/">' in cover


@pytest.mark.parametrize("path", ["/sitemap.xml", "/feeds/annual-reports.atom"])
def test_sitemap_and_feed_queries_do_not_grow_with_pages(
    client, path, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # rendering is measured, not the page cache
    build_edition(1)
    client.get(path)  # fills process caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    build_edition(3)
    with django_assert_num_queries(len(small)):
        assert client.get(path).status_code == 200


def test_check_deploy_passes_with_production_settings_and_the_documented_variables(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oif_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "report.openinfra.dev",
        "SITE_URL": "https://report.openinfra.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "ERRORS" not in result.stderr + result.stdout
