"""Two editions hold pages of the same title: the admin names the year, public pages do not;
the next edition's pages keep their owners."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageLogEntry

from reports.models import ProjectUpdatePage
from reports.next_edition import start_next_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def zuul_owner(edition_2020):
    owner = get_user_model().objects.create_user("zelda", "zelda@example.org", "pw")
    zuul = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    zuul.owner = owner
    zuul.save(update_fields=["owner"])
    return owner


def test_the_admin_search_names_each_zuul_update_with_its_year(client, draft_edition):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "Zuul"}).content.decode()
    assert "Zuul · 2020" in html and "Zuul · 2021" in html


def test_the_editor_header_names_the_edition(client, draft_edition):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    zuul = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="zuul")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[zuul.pk])).content.decode()
    assert "Zuul · 2021" in html


def test_public_pages_keep_the_plain_title(client, edition_2020):
    html = client.get("/annual-reports/2020/project-updates/zuul/").content.decode()
    assert "<h1" in html and "Zuul" in html
    assert "· 2020" not in html
    assert "· 2020" not in client.get("/feeds/annual-reports.atom").content.decode()


def test_copies_keep_the_owner_of_their_source_and_the_log_names_who_started(
    edition_2020, zuul_owner, roles
):
    publisher = get_user_model().objects.create_user("pat2", "pat2@example.org", "pw")
    new = start_next_edition(edition_2020, user=publisher)
    zuul_2021 = ProjectUpdatePage.objects.descendant_of(new).get(slug="zuul")
    assert zuul_2021.owner == zuul_owner
    entry = PageLogEntry.objects.get(page=new, action="reports.start_next_edition")
    assert entry.user == publisher
    assert entry.message == "Started from the 2020 edition (32 pages copied)"
