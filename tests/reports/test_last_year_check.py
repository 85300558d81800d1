"""The pre-publish check catches last year's text: sections nobody updated since the edition
was copied, unless a Publisher carries them over on purpose, and the edition's own texts that
still name the previous year."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry
from wagtail.rich_text import RichText

from reports.checks import check_edition
from reports.models import ProjectUpdatePage
from reports.publishing import EditionNotPublishable, publish_edition
from tests.reports.last_year import make_publishable

pytestmark = pytest.mark.django_db

UNCHANGED = "Unchanged since the edition was copied from 2020"


def unchanged(edition):
    return [p for p in check_edition(edition) if p.kind == "unchanged"]


def zuul(edition):
    return ProjectUpdatePage.objects.descendant_of(edition).get(slug="zuul")


def dashboard(client, edition):
    return client.get(reverse("reports_editions:dashboard", args=[edition.pk])).content.decode()


def carry_over(client, edition, page, value="1"):
    url = reverse("reports_editions:carry_over", args=[edition.pk, page.pk])
    return client.post(url, {"carried_over": value})


def test_a_fresh_copy_lists_every_section_unchanged_and_cannot_be_published(draft_edition):
    sections = list(Page.objects.descendant_of(draft_edition))
    problems = unchanged(draft_edition)
    assert len(sections) == 31
    assert {p.page.pk for p in problems} == {s.pk for s in sections}
    assert all(UNCHANGED in p.message and p.blocking for p in problems)
    assert {p.edit_url for p in problems} == {f"/admin/pages/{s.pk}/edit/" for s in sections}
    with pytest.raises(EditionNotPublishable):
        publish_edition(draft_edition)
    draft_edition.refresh_from_db()
    assert not draft_edition.live


def test_an_edited_section_leaves_the_list(draft_edition):
    page = zuul(draft_edition)
    version = page.get_latest_revision_as_object()
    body = [dict(block) for block in version.body.raw_data]
    body[0]["value"] = body[0]["value"].replace("</p>", " In 2021 Zuul gated more.</p>", 1)
    version.body = body
    version.save_revision()
    listed = {p.page.pk for p in unchanged(draft_edition)}
    assert page.pk not in listed and len(listed) == 30


def test_saving_without_a_change_keeps_a_section_unchanged(draft_edition):
    """A save through the editor rewrites rich text (entities, attributes) without changing a
    word: the section is still last year's."""
    page = zuul(draft_edition)
    version = page.get_latest_revision_as_object()
    body = [dict(block) for block in version.body.raw_data]
    body[0]["value"] = (
        body[0]["value"]
        .replace("<p>", '<p data-block-key="k3x9a">', 1)
        .replace("open source", "open&#32;source", 1)
    )
    assert body[0]["value"] != page.get_latest_revision_as_object().body.raw_data[0]["value"]
    version.body = body
    version.save_revision()
    assert page.pk in {p.page.pk for p in unchanged(draft_edition)}


def test_a_publisher_carries_a_section_over_on_purpose_and_the_dashboard_says_who(
    client, draft_edition, publisher
):
    page = zuul(draft_edition)
    client.force_login(publisher)
    html = dashboard(client, draft_edition)
    assert "31 sections still unchanged" in html
    assert carry_over(client, draft_edition, page).status_code == 302

    assert page.pk not in {p.page.pk for p in unchanged(draft_edition)}
    html = dashboard(client, draft_edition)
    assert "30 sections still unchanged" in html
    assert "Carried over on purpose by pat," in html
    entry = PageLogEntry.objects.get(page=page, action="reports.carried_over")
    assert entry.user == publisher

    carry_over(client, draft_edition, page, value="0")  # withdrawn: listed again
    assert page.pk in {p.page.pk for p in unchanged(draft_edition)}
    assert PageLogEntry.objects.filter(page=page, action="reports.carried_over_withdrawn").exists()


def test_only_publishers_carry_text_over(client, draft_edition, editor):
    page = zuul(draft_edition)
    client.force_login(editor)
    response = carry_over(client, draft_edition, page)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    url = reverse("reports_editions:carry_over", args=[draft_edition.pk, page.pk])
    client.logout()
    assert client.get(url).status_code == 302  # to the login: nothing changed
    assert page.pk in {p.page.pk for p in unchanged(draft_edition)}


def test_the_edition_description_naming_last_year_is_a_problem(draft_edition, publisher):
    problems = [p for p in check_edition(draft_edition) if p.page.pk == draft_edition.pk]
    assert [p.message[:35] for p in problems] == ["Description still names 2020: “The "]
    assert all(p.blocking for p in problems)

    version = draft_edition.get_latest_revision_as_object()
    version.search_description = "Highlights of 2020"
    version.save_revision()
    messages = [p.message for p in check_edition(draft_edition) if p.page.pk == draft_edition.pk]
    assert any(m.startswith("Search description still names 2020") for m in messages)


def test_a_section_carried_over_and_a_rewritten_description_let_the_edition_go_live(
    draft_edition, publisher
):
    page = zuul(draft_edition)
    version = page.get_latest_revision_as_object()
    version.body = [("text", RichText("<p>In 2021 the Zuul community…</p>"))]
    version.save_revision()
    make_publishable(draft_edition, publisher)
    assert check_edition(draft_edition) == []
    publish_edition(draft_edition, user=publisher)
    draft_edition.refresh_from_db()
    assert draft_edition.live
