"""The fixed top of the page tree: home, the editions archive and the profile indexes."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import Locale, Page, Site

from base.models import Announcement, SiteSettings
from oif_site.models import HomePage
from projects.models import ProjectIndexPage, WorkingGroupIndexPage
from reports.models import AnnualReportIndexPage

SITE_CONTENT = Path(settings.BASE_DIR) / "content" / "site.yaml"


@dataclass
class SiteStructure:
    site: Site
    home: Page
    editions: Page
    projects: Page
    working_groups: Page


def site_address(url=None):
    """(hostname, port) of SITE_URL, e.g. https://report.openinfra.dev -> (…, 443)."""
    url = url or settings.SITE_URL
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must be http(s)://host[:port], not {url!r}")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"SITE_URL must be the root of a host (the site is served at /), not {url!r}"
        )
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def _content():
    return yaml.safe_load(SITE_CONTENT.read_text(encoding="utf-8"))


@transaction.atomic
def ensure_site_structure():
    """Create what is missing, replacing Wagtail's placeholder home page; never overwrite."""
    content = _content()
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(slug="home", **content["home"])
        placeholder = Page.objects.filter(depth=2, slug="home").exclude(
            content_type__model="homepage", content_type__app_label="oif_site"
        )
        placeholder_ids = list(placeholder.values_list("pk", flat=True))
        if placeholder_ids:
            placeholder.update(slug="home-placeholder")
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.filter(root_page_id__in=placeholder_ids).update(root_page=home)
        Page.objects.filter(pk__in=placeholder_ids).delete()

    hostname, port = site_address()
    site = Site.objects.filter(root_page=home).first()
    # The address and name follow the environment (SITE_URL, SITE_NAME) on every run.
    wanted = (hostname, port, settings.SITE_NAME)
    if site is None or (site.hostname, site.port, site.site_name) != wanted:
        site = site or Site(root_page=home, is_default_site=True)
        site.hostname, site.port, site.site_name = hostname, port, settings.SITE_NAME
        site.save()

    def child(model, slug, key):
        page = model.objects.child_of(home).first()
        if page is None:
            page = model(slug=slug, **content[key])
            home.add_child(instance=page)
            page.save_revision().publish()
        return page

    structure = SiteStructure(
        site=site,
        home=home,
        editions=child(AnnualReportIndexPage, "annual-reports", "annual_reports"),
        projects=child(ProjectIndexPage, "projects", "projects"),
        working_groups=child(WorkingGroupIndexPage, "working-groups", "working_groups"),
    )
    site_settings = SiteSettings.for_site(site)
    changed = False
    if site_settings.announcement is None and content.get("announcement"):
        site_settings.announcement = Announcement.objects.create(
            locale=Locale.get_default(), **content["announcement"]
        )
        changed = True
    for name, value in content["settings"].items():
        if not getattr(site_settings, name):
            setattr(site_settings, name, value)
            changed = True
    if changed:
        site_settings.save()
    return structure
