"""Sharing and discovery: titles, descriptions, canonical links, OpenGraph and Twitter cards,
structured data, sitemap.xml, robots.txt, the Atom feed; and the styled error pages."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from base.models import SiteSettings
from reports.models import AnnualReportPage, ProjectUpdatePage

pytestmark = pytest.mark.django_db

EDITION = "/annual-reports/2020/"
KATA = "/annual-reports/2020/project-updates/kata-containers/"
ATOM = "{http://www.w3.org/2005/Atom}"


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def meta(html, key):
    """The content of <meta name=key> or <meta property=key>."""
    match = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])["@graph"]


@pytest.mark.parametrize(
    "path, title",
    [
        ("/", "<title>OpenInfra Foundation Annual Reports</title>"),
        (EDITION, "<title>2020 Open Infrastructure Foundation Annual Report · OpenInfra"),
        (KATA, "<title>Kata Containers 2020 Annual Report · OpenInfra Foundation</title>"),
        ("/projects/zuul/", "<title>Zuul · OpenInfra Foundation</title>"),
    ],
)
def test_every_page_has_a_title_description_canonical_and_cards(client, path, title):
    html = get(client, path)
    assert title in html
    description = meta(html, "description")
    assert 50 <= len(description) <= 600
    assert f'<link rel="canonical" href="http://localhost{path}">' in html
    assert meta(html, "og:url") == f"http://localhost{path}"
    assert meta(html, "og:description") == description
    assert meta(html, "twitter:card") == "summary_large_image"
    image = meta(html, "og:image")
    assert image.startswith("http://localhost/static/images/social-card")
    assert meta(html, "twitter:image") == image
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "og:image:alt")


def test_a_section_without_a_summary_is_described_by_its_opening_words(client):
    html = get(client, KATA)
    assert meta(html, "description").startswith(
        "Kata Containers seamlessly delivers the speed of containers with the security of"
    )
    assert meta(html, "og:type") == "article"


def test_the_social_image_set_in_the_admin_replaces_the_built_in_card(client):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Summit keynote", file=get_test_image_file(size=(1600, 900)))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.social_image = image
    settings.save()
    html = get(client, "/projects/zuul/")
    assert re.match(r"http://localhost/media/images/.*fill-1200x630", meta(html, "og:image"))
    assert meta(html, "og:image:alt") == "Summit keynote"
    # An edition's cover wins for the edition and its sections.
    edition = AnnualReportPage.objects.get(year=2020)
    cover = Image.objects.create(title="2020 cover", file=get_test_image_file(size=(1200, 800)))
    edition.cover_image = cover
    edition.save_revision().publish()
    assert meta(get(client, KATA), "og:image:alt") == "2020 cover"


def test_structured_data_describes_the_site_the_report_and_its_sections(client):
    home = json_ld(get(client, "/"))
    assert home[0]["@type"] == "WebSite"
    assert home[0]["potentialAction"]["target"] == (
        "http://localhost/search/?q={search_term_string}"
    )

    report, crumbs = json_ld(get(client, EDITION))
    assert report["@type"] == "Report"
    assert report["headline"] == "2020 Open Infrastructure Foundation Annual Report"
    assert report["temporalCoverage"] == "2020"
    assert report["publisher"]["name"] == "Open Infrastructure Foundation"
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Home",
        "Annual reports",
        "2020 Open Infrastructure Foundation Annual Report",
    ]

    article, _ = json_ld(get(client, KATA))
    assert article["@type"] == "Article"
    assert article["isPartOf"]["url"] == "http://localhost/annual-reports/2020/"

    project, _ = json_ld(get(client, "/projects/zuul/"))
    assert project["@type"] == "SoftwareSourceCode"
    assert project["codeRepository"] == "https://opendev.org/zuul"


def test_structured_data_cannot_close_its_script_element(client):
    zuul = ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")
    zuul.title = "Zuul </script><script>alert(1)</script>"
    zuul.save_revision().publish()
    html = get(client, zuul.url)
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)[0]["headline"] == "Zuul </script><script>alert(1)</script>"


def test_the_sitemap_lists_every_live_page_and_no_draft(client):
    zuul = ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")
    zuul.unpublish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://localhost/" in locations
    assert f"http://localhost{EDITION}" in locations
    assert f"http://localhost{KATA}" in locations
    assert "http://localhost/projects/zuul/" in locations
    assert f"http://localhost{zuul.url}" not in locations
    assert len(root.findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")) > 30


def test_robots_txt_allows_the_site_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_the_atom_feed_lists_editions_then_their_sections(client):
    response = client.get("/feeds/annual-reports.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[0] == "2020 Open Infrastructure Foundation Annual Report"
    assert titles[1] == "Chairman’s Note (2020 annual report)"
    assert len(entries) == 1 + len(AnnualReportPage.objects.get(year=2020).get_sections())
    kata = next(e for e in entries if e.find(f"{ATOM}title").text.startswith("Kata"))
    assert kata.find(f"{ATOM}link").get("href") == f"http://localhost{KATA}"
    assert kata.find(f"{ATOM}summary").text.startswith("Kata Containers seamlessly delivers")
    html = get(client, "/")
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_the_feed_leaves_out_unpublished_sections(client):
    zuul = ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")
    zuul.unpublish()
    feed = client.get("/feeds/annual-reports.atom").content.decode()
    assert "/project-updates/zuul/" not in feed


def test_a_missing_page_is_a_styled_404_with_a_way_on(client):
    html = get(client, "/annual-reports/1999/", status=404)
    assert "<h1>This page is not in the report</h1>" in html
    assert 'role="search"' in html
    assert 'href="/annual-reports/"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html


def test_a_server_error_is_a_styled_500_that_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/annual-reports/2020/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in html
    assert '<html lang="en">' in html
    assert "/static/css/site.css" in html


def test_the_archive_shows_each_edition_with_its_cover_and_summary(client):
    from wagtail.images.models import Image

    html = get(client, "/annual-reports/")
    card = html[html.index('class="card card--edition"') :]
    assert '<span class="cover__year">2020</span>' in card  # the typographic cover
    assert "the year the OpenStack Foundation became the OpenInfra Foundation" in card

    edition = AnnualReportPage.objects.get(year=2020)
    edition.cover_image = Image.objects.create(
        title="2020 cover", file=get_test_image_file(size=(1600, 1000))
    )
    edition.save_revision().publish()
    html = get(client, "/annual-reports/")
    img = re.search(r"<img [^>]*>", html[html.index('class="cover cover--image"') :]).group(0)
    assert re.search(r'srcset="[^"]+fill-480x300[^"]* 480w, [^"]+fill-960x600[^"]* 960w"', img)
    assert 'width="480"' in img and 'height="300"' in img
    assert 'alt=""' in img and 'loading="eager"' in img and 'sizes="' in img
