"""Every kind of change purges every URL that shows it: the set computed in oif_site/caching/,
and what an anonymous reader then gets from the page cache."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from base.models import SiteSettings
from oif_site import caching, page_cache
from projects.models import ProjectPage
from reports.models import EditionPDF, EditionRelease, LetterPage, ProjectUpdatePage
from reports.publishing import publish_edition, release_due_editions
from tests.reports.conftest import draft_edition, edition_2020, ready_edition, roles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

E = "/annual-reports/2020/"
ZUUL = E + "project-updates/zuul/"
LISTINGS = {"/", "/annual-reports/", "/feeds/annual-reports.atom", "/sitemap.xml"}


@pytest.fixture
def purged(monkeypatch):
    """The paths purged from the page cache (and the front cache, same call), as they go."""
    paths = set()
    real_paths, real_everything = page_cache.purge_paths, page_cache.purge_everything

    def record(purging):
        paths.update(purging)
        real_paths(purging)

    def record_everything():
        paths.add("*")
        real_everything()

    monkeypatch.setattr(page_cache, "purge_paths", record)
    monkeypatch.setattr(page_cache, "purge_everything", record_everything)
    return paths


@pytest.fixture
def reader():
    return Client()


def warm(reader, *paths):
    for path in paths:
        reader.get(path)
        assert reader.get(path).get("X-Page-Cache") == "hit", path


def html(reader, path):
    response = reader.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def zuul_update():
    return ProjectUpdatePage.objects.get(url_path__endswith="/2020/project-updates/zuul/")


def test_publishing_a_section_purges_it_its_edition_neighbours_profile_and_listings(purged, reader):
    shown_in = [E, E + "project-updates/", E + "project-updates/starlingx/", "/projects/zuul/"]
    warm(reader, ZUUL, *shown_in, "/feeds/annual-reports.atom")
    zuul = zuul_update()
    zuul.title = "Zuul, gated marker-91d"
    zuul.save_revision().publish()
    assert purged >= {
        ZUUL,
        E,
        E + "pdf/",
        E + "project-updates/",  # its chapter lists it
        E + "project-updates/starlingx/",  # before it
        E + "openinfra-collaboration/",  # after it
        "/projects/zuul/",
        *LISTINGS,
    }
    assert not purged & {"/projects/airship/", E + "project-updates/airship/", "*"}
    for path in [ZUUL, *shown_in, "/feeds/annual-reports.atom"]:
        assert "marker-91d" in html(reader, path), path


def test_unpublishing_a_section_purges_the_neighbours_that_now_meet(purged, reader):
    before = E + "project-updates/starlingx/"
    warm(reader, ZUUL, before, E)
    zuul_update().unpublish()
    assert purged >= {ZUUL, before, E + "openinfra-collaboration/", E, "/projects/zuul/"}
    assert reader.get(ZUUL).status_code == 404
    assert f'rel="next" href="{E}openinfra-collaboration/"' in html(reader, before)
    assert ZUUL not in html(reader, E)


def test_moving_a_page_purges_its_old_and_new_addresses(purged, reader):
    old = E + "community-highlights/outreachy-program/"
    warm(reader, old, E, E + "community-highlights/")
    page = Page.objects.get(url_path__endswith="/2020/community-highlights/outreachy-program/")
    page.move(Page.objects.get(url_path__endswith="/2020/"), pos="last-child")
    new = E + "outreachy-program/"
    assert purged >= {old, new, E, E + "community-highlights/", *LISTINGS}
    moved = reader.get(old)  # Wagtail's automatic redirect, not the cached page
    assert moved.status_code == 301 and moved["Location"] == new
    assert reader.get(new).status_code == 200
    assert new in html(reader, E) and old not in html(reader, E)


def test_deleting_a_page_purges_it_and_what_showed_it(purged, reader):
    path = E + "community-highlights/outreachy-program/"
    warm(reader, path, E)
    Page.objects.get(url_path__endswith="/2020/community-highlights/outreachy-program/").delete()
    assert purged >= {path, E, E + "community-highlights/", *LISTINGS}
    assert reader.get(path).status_code == 404
    assert path not in html(reader, E)


def test_editing_a_project_profile_purges_its_updates_and_listings(purged, reader):
    warm(reader, "/projects/zuul/", "/projects/", "/", ZUUL, E)
    profile = ProjectPage.objects.get(slug="zuul")
    profile.title = "Zuul CI marker-5e1"
    profile.save_revision().publish()
    assert purged >= {"/projects/zuul/", "/projects/", "/", ZUUL, E, "/sitemap.xml"}
    assert "/projects/airship/" not in purged
    for path in ("/projects/zuul/", "/projects/", "/", ZUUL, E):
        assert "marker-5e1" in html(reader, path), path


def test_editing_a_person_purges_the_letters_they_sign(purged, reader):
    letter = LetterPage.objects.get(slug="letter-from-the-executive-director")
    warm(reader, letter.url, E)
    person = letter.signatory
    person.name = "Jonathan marker-77b"
    person.save()
    assert purged >= {letter.url, E, *LISTINGS}
    assert not purged & {"/projects/zuul/", ZUUL, "*"}
    assert "marker-77b" in html(reader, letter.url)
    assert "marker-77b" in html(reader, E)


def test_the_site_settings_purge_every_page(purged, reader):
    paths = ["/", E, ZUUL, "/projects/zuul/", "/working-groups/", "/search/"]
    warm(reader, *paths)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_text = "Footer marker-0aa"
    settings.save()
    assert "*" in purged
    live = {p.url for p in Page.objects.live().specific() if p.url}
    assert purged >= live | {"/robots.txt", "/search/", E + "pdf/"}
    for path in paths:
        assert "marker-0aa" in html(reader, path), path


def test_an_image_purges_the_pages_that_use_it(
    purged, django_capture_on_commit_callbacks, keep_2020_pdf
):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Stage", file=get_test_image_file())
    zuul = zuul_update()
    zuul.body = [("image", {"image": image, "alt_text": "A stage", "caption": ""})]
    with django_capture_on_commit_callbacks(execute=True):
        zuul.save_revision().publish()  # the reference index learns that Zuul shows it
    purged.clear()
    image.title = "Stage, cropped"
    image.focal_point_x, image.focal_point_y = 1, 1
    image.focal_point_width = image.focal_point_height = 2
    image.save()
    assert purged >= {ZUUL, E, "/projects/zuul/", *LISTINGS}
    assert "/projects/airship/" not in purged


def test_a_scheduled_release_purges_the_new_edition_and_every_listing(
    purged,
    reader,
    ready_edition,  # noqa: F811
):
    warm(reader, "/", "/annual-reports/", E, "/projects/zuul/")
    EditionRelease.objects.create(
        edition=ready_edition, release_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert release_due_editions() == [(ready_edition, "released")]
    new = "/annual-reports/2021/"
    assert purged >= {new, new + "pdf/", new + "project-updates/zuul/", E, *LISTINGS}
    assert purged >= {"/projects/zuul/"}  # its profile lists the new update
    assert 'href="/annual-reports/2021/"' in html(reader, E)  # the year switch
    assert new in html(reader, "/")
    assert "2021" in html(reader, "/projects/zuul/")


def test_a_new_pdf_purges_the_edition_page_and_the_pdf(purged, edition_2020):  # noqa: F811
    EditionPDF.objects.get(edition=edition_2020).save()
    api = f"/api/v2/pages/{edition_2020.pk}/"
    assert purged == {E, E + "pdf/", E + "figures.csv", E + "figures.json", api}


def test_one_transaction_purges_once_after_it_commits(
    ready_edition,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        publish_edition(ready_edition)
    batches = [c.purge_batch for c in callbacks if hasattr(c, "purge_batch")]
    assert len(batches) == 1 and not batches[0]["ran"]
    assert "/annual-reports/2021/project-updates/zuul/" in batches[0]["paths"]
    next(c for c in callbacks if hasattr(c, "purge_batch"))()
    assert batches[0]["ran"]


def test_the_front_cache_gets_full_urls_of_the_same_paths():
    root = Site.objects.get(is_default_site=True).root_url
    assert caching.full_urls({E, "/"}) == [root + "/", root + E]
