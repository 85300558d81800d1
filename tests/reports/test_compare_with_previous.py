"""Compare with last year: a section beside the page it was copied from, field by field and
block by block, for those who may edit the section and nobody else."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from reports.models import ProjectUpdatePage

pytestmark = pytest.mark.django_db

OLD = "In 2020 the Zuul community landed 1,305 changes"
NEW = "In 2021 the Zuul community landed 1,555 changes"


def zuul(edition):
    return ProjectUpdatePage.objects.descendant_of(edition).get(slug="zuul")


def edit_first_paragraph(page):
    version = page.get_latest_revision_as_object()
    body = [dict(block) for block in version.body.raw_data]
    assert OLD in body[0]["value"]
    body[0]["value"] = body[0]["value"].replace(OLD, NEW)
    version.body = body
    version.save_revision()


def compare_url(page):
    return reverse("reports_editions:compare_with_previous", args=[page.pk])


def blocks_of(html):
    """The body's blocks in the comparison: (changed?, text) per block."""
    body = re.search(r'data-field="body"[^>]*>(.*?)</tr>', html, re.S).group(1)
    blocks = re.findall(r'<div class="comparison__child-object[^"]*">(.*?)</div>', body, re.S)
    return [('class="addition"' in b or 'class="deletion"' in b, b) for b in blocks]


def test_the_edited_paragraph_shows_as_changed_and_the_rest_unchanged(
    client, draft_edition, publisher
):
    page = zuul(draft_edition)
    edit_first_paragraph(page)
    client.force_login(publisher)
    response = client.get(compare_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Compare with 2020" in html
    assert 'data-field="body" data-changed="yes"' in html
    assert 'data-field="title" data-changed="no"' in html
    blocks = blocks_of(html)
    assert len(blocks) >= 4
    changed = [text for is_changed, text in blocks if is_changed]
    assert len(changed) == 1
    assert '<span class="deletion">2020</span>' in changed[0]
    assert '<span class="addition">2021</span>' in changed[0]
    assert '<span class="deletion">305</span>' in changed[0]
    assert '<span class="addition">555</span>' in changed[0]


def test_an_untouched_section_shows_nothing_changed(client, draft_edition, publisher):
    client.force_login(publisher)
    html = client.get(compare_url(zuul(draft_edition))).content.decode()
    assert "nothing changed since last year" in html
    assert 'data-changed="yes"' not in html


def test_the_editor_header_and_the_dashboard_link_to_the_comparison(
    client, draft_edition, publisher
):
    page = zuul(draft_edition)
    client.force_login(publisher)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert f'href="{compare_url(page)}"' in edit and "Compare with 2020" in edit
    board = client.get(
        reverse("reports_editions:dashboard", args=[draft_edition.pk])
    ).content.decode()
    assert f'href="{compare_url(page)}"' in board


def test_the_same_projects_update_is_the_counterpart_of_a_page_not_copied(
    client, draft_edition, publisher
):
    from reports.models import SectionOrigin

    page = zuul(draft_edition)
    SectionOrigin.objects.filter(page=page).delete()
    client.force_login(publisher)
    html = client.get(compare_url(page)).content.decode()
    assert "Zuul · 2020" in html


def test_only_those_who_may_edit_the_section_see_it(client, draft_edition, zuul_team):
    kata = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="kata-containers")
    client.force_login(zuul_team)
    assert client.get(compare_url(zuul(draft_edition))).status_code == 200
    denied = client.get(compare_url(kata))
    assert denied.status_code == 403 or denied["Location"] == reverse("wagtailadmin_home")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[kata.pk]))
    assert compare_url(kata) not in edit.content.decode()


def test_no_public_address_shows_the_comparison(client, draft_edition):
    page = zuul(draft_edition)
    url = compare_url(page)
    assert url.startswith("/admin/")
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    outsider = get_user_model().objects.create_user("nobody", "nobody@example.org", "pw")
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code in (302, 403) and OLD not in response.content.decode()
    for public in (f"{page.url_path.removeprefix('/home')}compare/", "/compare/"):
        assert client.get(public).status_code == 404
