"""The edition dashboard and the whole-edition preview, as staff see them."""

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from reports.models import ProjectUpdatePage

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_every_section_with_its_state_editor_and_problems(
    client, ready_edition, publisher
):
    zuul = ProjectUpdatePage.objects.descendant_of(ready_edition).get(slug="zuul")
    version = zuul.get_latest_revision_as_object()
    version.body = []
    version.save_revision(user=publisher)
    client.force_login(publisher)
    html = client.get(
        reverse("reports_editions:dashboard", args=[ready_edition.pk])
    ).content.decode()
    assert html.count('data-state="draft"') == 32
    assert "Empty section: there is nothing to read." in html
    assert f'href="/admin/pages/{zuul.pk}/edit/"' in html
    assert "by pat" in html
    assert "1 problem to fix before publishing" in html
    # carried over by nobody on record (ready_edition; or the account deleted since)
    assert html.count("Carried over on purpose by a former user") == 31


def test_publishing_from_the_dashboard_explains_a_refusal(client, ready_edition, publisher):
    zuul = ProjectUpdatePage.objects.descendant_of(ready_edition).get(slug="zuul")
    version = zuul.get_latest_revision_as_object()
    version.body = []
    version.save_revision()
    client.force_login(publisher)
    html = client.get(reverse("reports_editions:dashboard", args=[ready_edition.pk])).content
    assert b"Publish edition" in html  # offered: its confirmation page says why it cannot act
    response = client.get(reverse("reports_editions:publish", args=[ready_edition.pk]))
    html = response.content.decode()
    assert "Nothing can be published until the check" in html
    assert f'<a href="/admin/pages/{zuul.pk}/edit/">Zuul</a>: Empty section' in html
    ready_edition.refresh_from_db()
    assert not ready_edition.live


def test_the_whole_edition_preview_shows_drafts_marked(client, edition_2020, editor):
    zuul = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    version = zuul.get_latest_revision_as_object()
    version.body = [("text", RichText("<p>Preview-only marker 51c2</p>"))]
    version.save_revision()
    client.force_login(editor)
    html = client.get(reverse("reports_editions:preview", args=[edition_2020.pk])).content.decode()
    assert "Preview-only marker 51c2" in html
    assert html.count('class="draft-badge"') == 1
    assert "universal spirit of hope" in html  # the live sections are there too
    assert "Preview-only marker 51c2" not in client.get("/annual-reports/2020/").content.decode()


def test_the_check_still_names_a_blank_title_and_a_slug_taken_by_a_sibling(
    client, ready_edition, publisher
):
    zuul = ProjectUpdatePage.objects.descendant_of(ready_edition).get(slug="zuul")
    version = zuul.get_latest_revision_as_object()
    version.title, version.slug = "", "kata-containers"
    version.save_revision(user=publisher, clean=False)
    client.force_login(publisher)
    html = client.get(
        reverse("reports_editions:dashboard", args=[ready_edition.pk])
    ).content.decode()
    assert "title: This field cannot be blank." in html
    assert "The slug &#x27;kata-containers&#x27; is already in use" in html


def test_the_dashboard_reads_each_page_in_a_handful_of_queries(
    client, ready_edition, publisher, django_assert_max_num_queries
):
    # 806 queries for 32 pages (25 a page) before the check stopped re-verifying what Wagtail
    # keeps itself (the page's locale, type, tree position) three times over.
    pages = ready_edition.get_descendants(inclusive=True).count()
    client.force_login(publisher)
    url = reverse("reports_editions:dashboard", args=[ready_edition.pk])
    client.get(url)
    with django_assert_max_num_queries(8 * pages):
        assert client.get(url).status_code == 200
