"""The page cache serves anonymous readers the public pages, and nobody anything else."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from projects.models import ProjectPage
from reports.models import AnnualReportPage, ProjectUpdatePage, ReviewLink
from reports.publishing import publish_edition
from tests.reports.conftest import draft_edition, edition_2020, ready_edition, roles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/annual-reports/",
    "/annual-reports/2020/",
    "/annual-reports/2020/project-updates/zuul/",
    "/projects/",
    "/projects/zuul/",
    "/working-groups/",
    "/feeds/annual-reports.atom",
    "/sitemap.xml",
    "/robots.txt",
    "/search/",
    "/annual-reports/2020/pdf/",
]


def from_cache(response):
    return response.get("X-Page-Cache") == "hit"


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("sam", "sam@example.org", "pw")


@pytest.fixture
def zuul():
    return ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_anonymous_public_pages_are_cached_and_shareable(client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert not from_cache(first)
    assert "public" in first["Cache-Control"] and "s-maxage=3600" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    second = client.get(path)
    assert from_cache(second)
    assert body(second) == body(first)
    assert second["Cache-Control"] == first["Cache-Control"]


def test_head_requests_are_answered_from_the_cache_too(client):
    client.get("/annual-reports/2020/")
    assert from_cache(client.head("/annual-reports/2020/"))


def test_a_logged_in_reader_is_never_served_from_nor_stored_in_the_cache(client, staff):
    client.force_login(staff)
    mine = client.get("/annual-reports/2020/")
    assert not from_cache(mine) and "private" in mine["Cache-Control"]
    assert not from_cache(client.get("/annual-reports/2020/"))
    anonymous = Client()
    first = anonymous.get("/annual-reports/2020/")
    assert not from_cache(first)  # the editor's page was not stored for anyone
    assert "wagtail-userbar" not in first.content.decode()
    assert from_cache(anonymous.get("/annual-reports/2020/"))
    assert not from_cache(client.get("/annual-reports/2020/"))  # nor served to the editor


def test_other_cookies_do_not_split_the_cache(client):
    client.get("/projects/zuul/")
    client.cookies["theme"] = "dark"
    assert from_cache(client.get("/projects/zuul/"))


def test_the_admin_and_previews_are_never_cached(client, staff):
    client.force_login(staff)
    edition = AnnualReportPage.objects.get(year=2020)
    for path in ("/admin/", f"/admin/editions/{edition.pk}/preview/"):
        responses = [client.get(path), client.get(path)]
        assert [r.status_code for r in responses] == [200, 200]
        assert not any(from_cache(r) for r in responses)
        assert (
            "private" in responses[1]["Cache-Control"]
            or "no-store" in responses[1]["Cache-Control"]
        )


def test_a_draft_reaches_neither_the_cache_nor_anonymous_readers(client, staff, zuul):
    client.get(zuul.url)  # cached before the draft
    version = zuul.get_latest_revision_as_object()
    version.body = [("text", RichText("<p>Draft marker-c4c4e</p>"))]
    version.save_revision()
    editor = Client()
    editor.force_login(staff)
    preview = editor.get(f"/admin/editions/{zuul.edition.pk}/preview/")
    assert "marker-c4c4e" in preview.content.decode()
    for _ in range(2):
        response = client.get(zuul.url)
        assert "marker-c4c4e" not in response.content.decode()
    assert from_cache(response)


def test_review_links_are_never_cached(client, draft_edition):  # noqa: F811
    expires_at = timezone.now() + datetime.timedelta(days=1)
    _link, token = ReviewLink.create(draft_edition, user=None, expires_at=expires_at)
    responses = [client.get(f"/review/{token}/") for _ in range(2)]
    assert [r.status_code for r in responses] == [200, 200]
    assert not any(from_cache(r) for r in responses)
    assert "no-store" in responses[1]["Cache-Control"]
    assert client.get("/annual-reports/2021/").status_code == 404


@pytest.mark.parametrize("path", ["/search/", "/ja/search/"])
def test_search_with_a_query_is_never_cached(client, path):
    responses = [client.get(f"{path}?q=zuul") for _ in range(2)]
    assert responses[1].status_code == 200
    if path == "/search/":
        assert "Zuul" in responses[1].content.decode()
    assert not any(from_cache(r) for r in responses)
    assert "private" in responses[1]["Cache-Control"]


def test_posts_are_never_answered_from_the_cache(client):
    client.get("/search/")
    response = client.post("/search/")
    assert response.status_code == 405 and not from_cache(response)


def test_a_password_protected_page_is_never_stored(client):
    profile = ProjectPage.objects.get(slug="zuul")
    PageViewRestriction.objects.create(
        page=profile, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for _ in range(2):
        response = client.get("/projects/zuul/")
        assert not from_cache(response)
        assert "password" in response.content.decode().lower()
        assert "Zuul" not in response.content.decode().split("<main", 1)[-1] or response.cookies
        assert "public" not in response.get("Cache-Control", "")


def test_an_unreleased_editions_404_is_not_kept_once_it_is_released(client, ready_edition):  # noqa: F811
    for _ in range(2):
        response = client.get("/annual-reports/2021/")
        assert response.status_code == 404 and not from_cache(response)
        assert "private" in response["Cache-Control"]
    publish_edition(ready_edition)
    assert client.get("/annual-reports/2021/").status_code == 200


def test_responses_vary_on_compression(settings):
    after_cache = settings.MIDDLEWARE.index("oif_site.page_cache.PageCacheMiddleware") + 1
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:after_cache],
        "django.middleware.gzip.GZipMiddleware",
        *settings.MIDDLEWARE[after_cache:],
    ]
    client = Client()
    gzipped = client.get("/annual-reports/2020/", headers={"accept-encoding": "gzip, br"})
    assert gzipped["Content-Encoding"] == "gzip"
    assert {"Cookie", "Accept-Encoding"} <= {v.strip() for v in gzipped["Vary"].split(",")}
    plain = client.get("/annual-reports/2020/")
    assert not from_cache(plain) and not plain.has_header("Content-Encoding")
    again = client.get("/annual-reports/2020/", headers={"accept-encoding": "gzip"})
    assert from_cache(again) and again["Content-Encoding"] == "gzip"
    assert again.content == gzipped.content
    assert from_cache(client.get("/annual-reports/2020/"))


def test_the_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/projects/zuul/")
    response = client.get("/projects/zuul/")
    assert not from_cache(response) and "s-maxage" not in response.get("Cache-Control", "")


def test_revalidation_is_answered_from_the_cache(client):
    first = client.get("/annual-reports/2020/pdf/")
    again = client.get("/annual-reports/2020/pdf/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and from_cache(again)
