"""Publishing, unpublishing and scheduling an edition as a whole."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from reports.checks import check_edition
from reports.models import EditionRelease, ProjectUpdatePage
from reports.publishing import (
    EditionNotPublishable,
    edition_states,
    publish_edition,
    release_due_editions,
    unpublish_edition,
)

pytestmark = pytest.mark.django_db


def pages_of(edition):
    return Page.objects.descendant_of(edition, inclusive=True)


def break_page(edition, slug="zuul"):
    """Give one section of the edition a draft that cannot be published: a link with no URL."""
    page = ProjectUpdatePage.objects.descendant_of(edition).get(slug=slug)
    version = page.get_latest_revision_as_object()
    version.body = [
        ("link_list", {"title": "", "links": [{"label": "Code", "url": "not a url"}]}),
    ]
    version.save_revision()
    return page


def test_a_new_edition_is_all_drafts_and_not_public(client, draft_edition):
    assert not pages_of(draft_edition).live().exists()
    assert client.get("/annual-reports/2021/").status_code == 404
    assert client.get("/annual-reports/2021/project-updates/zuul/").status_code == 404
    assert {s.state for s in edition_states(draft_edition)} == {"draft"}


def test_publishing_an_edition_puts_every_page_live_together(client, ready_edition, publisher):
    assert check_edition(ready_edition) == []
    published = publish_edition(ready_edition, user=publisher)
    assert len(published) == pages_of(ready_edition).count()
    assert not pages_of(ready_edition).not_live().exists()
    assert client.get("/annual-reports/2021/").status_code == 200
    assert client.get("/annual-reports/2021/project-updates/zuul/").status_code == 200
    assert {s.state for s in edition_states(ready_edition)} == {"live"}


def test_one_invalid_page_publishes_nothing_and_says_why(draft_edition, publisher):
    broken = break_page(draft_edition)
    with pytest.raises(EditionNotPublishable) as raised:
        publish_edition(draft_edition, user=publisher)
    assert any(
        p.page.pk == broken.pk and "Enter a valid URL" in p.message for p in raised.value.problems
    )
    assert not pages_of(draft_edition).live().exists()


def test_only_latest_revisions_go_live_and_drafts_of_a_live_edition_wait(client, edition_2020):
    zuul = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    version = zuul.get_latest_revision_as_object()
    version.body = [("text", RichText("<p>Zuul marker-7f3a in draft</p>"))]
    version.save_revision()
    assert "marker-7f3a" not in client.get(zuul.url).content.decode()
    states = {s.page.pk: s.state for s in edition_states(edition_2020)}
    assert states[zuul.pk] == "live_with_changes"
    publish_edition(edition_2020)
    assert "marker-7f3a" in client.get(zuul.url).content.decode()


def test_unpublishing_takes_every_page_offline_and_keeps_the_content(client, edition_2020):
    unpublish_edition(edition_2020)
    assert not pages_of(edition_2020).live().exists()
    assert client.get("/annual-reports/2020/").status_code == 404
    assert client.get("/annual-reports/2020/chairmans-note/").status_code == 404
    publish_edition(edition_2020)
    assert "universal spirit of hope" in client.get("/annual-reports/2020/").content.decode()


def test_a_section_published_alone_stays_hidden_until_its_edition_is_live(client, draft_edition):
    zuul = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="zuul")
    zuul.get_latest_revision().publish()
    zuul.refresh_from_db()
    assert zuul.live
    assert client.get("/annual-reports/2021/project-updates/zuul/").status_code == 404


def test_a_scheduled_edition_goes_live_at_its_time_not_before(client, ready_edition, publisher):
    release_at = timezone.now() + datetime.timedelta(minutes=30)
    EditionRelease.objects.create(
        edition=ready_edition, release_at=release_at, scheduled_by=publisher
    )
    assert release_due_editions(now=release_at - datetime.timedelta(seconds=1)) == []
    assert client.get("/annual-reports/2021/").status_code == 404
    outcomes = release_due_editions(now=release_at)
    assert outcomes == [(ready_edition, "released")]
    assert client.get("/annual-reports/2021/").status_code == 200
    assert EditionRelease.objects.get(edition=ready_edition).released_at is not None
    assert release_due_editions(now=release_at + datetime.timedelta(minutes=5)) == []


def test_a_scheduled_release_that_cannot_publish_tells_who_scheduled_it(draft_edition, publisher):
    break_page(draft_edition)
    release_at = timezone.now() - datetime.timedelta(seconds=5)
    EditionRelease.objects.create(
        edition=draft_edition, release_at=release_at, scheduled_by=publisher
    )
    (outcome,) = release_due_editions()
    assert outcome[1].startswith("Not released")
    assert not pages_of(draft_edition).live().exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [publisher.email]
    release_due_editions()  # tried again next minute; the same failure is not mailed twice
    assert len(mail.outbox) == 1


class TestPrePublishCheck:
    def test_the_2020_edition_is_clean(self, edition_2020):
        assert check_edition(edition_2020) == []

    def test_empty_sections_missing_alt_text_bad_links_and_duplicate_anchors(
        self, draft_edition, edition_2020
    ):
        by_slug = {p.slug: p for p in Page.objects.descendant_of(draft_edition).specific()}
        empty = by_slug["chairmans-note"].get_latest_revision_as_object()
        empty.body = []
        empty.save_revision()

        draft_target = by_slug["magma"]
        gone = by_slug["kata-containers"].get_latest_revision_as_object()
        gone.body = [
            ("text", RichText(f'<p><a linktype="page" id="{999999}">a deleted page</a></p>')),
            ("text", RichText('<p><a href="https://example.org/admin/pages/3/edit/">edit</a></p>')),
            ("text", RichText(f'<p><a linktype="page" id="{draft_target.pk}">Magma</a></p>')),
        ]
        gone.save_revision()

        openstack = by_slug["openstack"].get_latest_revision_as_object()
        openstack.body = [
            *[(b.block_type, b.value) for b in openstack.body],
            ("heading", {"text": "Ussuri", "level": "3"}),
        ]
        openstack.save_revision()
        # a chapter slug that makes "openinfra-collaboration-opendev" twice
        clash = by_slug["openinfra-collaboration"]
        sibling = clash.get_parent().specific
        from tests.reports.factories import GeneralSectionPageFactory

        GeneralSectionPageFactory(parent=sibling, slug="openinfra-collaboration-opendev")

        problems = check_edition(draft_edition)
        messages = [(p.page.slug, p.message) for p in problems]
        assert ("chairmans-note", "Empty section: there is nothing to read.") in messages
        assert ("kata-containers", "A link points to page 999999, which is not public.") in messages
        assert any(s == "kata-containers" and "into the admin" in m for s, m in messages)
        # Magma is a draft of this very edition: it goes live with it, so the link is fine.
        assert not any(f"page {draft_target.pk}" in m for _s, m in messages)
        dupes = {
            s
            for s, m in messages
            if m.startswith("Duplicate anchor #openinfra-collaboration-opendev")
        }
        assert dupes == {"opendev", "openinfra-collaboration-opendev"}
        assert all(p.blocking for p in problems)
        assert all(p.edit_url.endswith(f"/admin/pages/{p.page.pk}/edit/") for p in problems)
