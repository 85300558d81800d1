"""What `make run` relies on: the site structure, the admin account, the home page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from base.models import Announcement, SiteSettings
from oif_site.models import HomePage
from tests.reports.factories import AnnualReportPageFactory

pytestmark = pytest.mark.django_db


def test_setup_site_is_idempotent_and_replaces_the_placeholder_home():
    before = Page.objects.count()
    call_command("setup_site")
    call_command("setup_site")
    assert Page.objects.count() == before
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert [p.slug for p in site.root_page.get_children()] == [
        "annual-reports",
        "projects",
        "working-groups",
    ]


def test_setup_site_never_overwrites_what_editors_changed():
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    announcement = settings.announcement
    assert announcement.text.startswith("Red Hat donates")
    assert announcement.locale.language_code == "en"
    announcement.text = "Our own news"
    announcement.save()
    call_command("setup_site")
    settings.refresh_from_db()
    assert settings.announcement.pk == announcement.pk
    assert settings.announcement.text == "Our own news"
    assert Announcement.objects.count() == 1


def test_ensure_admin_creates_the_local_account_only_in_development():
    with pytest.raises(CommandError, match="local development only"):
        call_command("ensure_admin")
    with override_settings(DEBUG=True):
        call_command("ensure_admin")
        call_command("ensure_admin")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")


def test_home_page_shows_the_latest_edition_the_archive_and_the_projects(client):
    AnnualReportPageFactory(year=2030, title="2030 Annual Report")
    html = client.get("/").content.decode()
    latest = html[html.index('id="latest-heading"') : html.index('id="archive-heading"')]
    assert "2030 Annual Report" in latest
    archive = html[html.index('id="archive-heading"') :]
    assert 'href="/annual-reports/2030/"' in archive and 'href="/annual-reports/2020/"' in archive
    assert 'href="/projects/kata-containers/"' in html


def test_admin_is_served(client):
    assert client.get("/admin/login/").status_code == 200
