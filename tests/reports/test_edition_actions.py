"""Publish, unpublish, schedule and cancel a release: shown first, done only when confirmed."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from reports.models import EditionRelease, ProjectUpdatePage
from tests.reports.confirmations import (
    action_url,
    confirm,
    confirm_field,
    edition_snapshot,
    header_actions,
    listed,
)
from tests.reports.test_roles import assert_denied

pytestmark = pytest.mark.django_db

ACTIONS = ["publish", "unpublish", "schedule", "cancel_release"]
SOON = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


def ids(edition):
    return list(
        Page.objects.descendant_of(edition, inclusive=True)
        .order_by("path")
        .values_list("pk", flat=True)
    )


def zuul_of(edition):
    return ProjectUpdatePage.objects.descendant_of(edition).get(slug="zuul")


def draft_change(edition, text="Zuul, edited for the next release"):
    zuul = zuul_of(edition)
    version = zuul.get_latest_revision_as_object()
    version.body = [("text", RichText(f"<p>{text}</p>"))]
    version.save_revision()
    return zuul


def schedule(edition, days=2):
    return EditionRelease.objects.create(
        edition=edition, release_at=timezone.now() + datetime.timedelta(days=days)
    )


def dashboard(client, edition):
    return client.get(reverse("reports_editions:dashboard", args=[edition.pk])).content.decode()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def live_with_changes(edition_2020):
    draft_change(edition_2020)
    return edition_2020


@pytest.fixture
def as_publisher(client, publisher):
    client.force_login(publisher)
    return client


class TestNothingHappensUnconfirmed:
    @pytest.mark.parametrize("action", ACTIONS)
    def test_a_get_of_each_action_changes_nothing(
        self, as_publisher, draft_edition, live_with_changes, action
    ):
        schedule(draft_edition)
        before = [edition_snapshot(e) for e in (draft_edition, live_with_changes)]
        for edition in (draft_edition, live_with_changes):
            response = as_publisher.get(action_url(action, edition))
            assert response.status_code == 200
        assert [edition_snapshot(e) for e in (draft_edition, live_with_changes)] == before

    @pytest.mark.parametrize("action", ACTIONS)
    def test_a_post_without_the_confirmation_field_is_refused(
        self, as_publisher, draft_edition, live_with_changes, action
    ):
        schedule(draft_edition)
        before = [edition_snapshot(e) for e in (draft_edition, live_with_changes)]
        for edition in (draft_edition, live_with_changes):
            response = as_publisher.post(action_url(action, edition), {"release_at": SOON})
            assert response.status_code == 400
            assert "Nothing was done: confirm on this page" in response.content.decode()
        assert [edition_snapshot(e) for e in (draft_edition, live_with_changes)] == before

    def test_a_confirmation_made_stale_by_a_new_draft_is_refused(
        self, as_publisher, live_with_changes
    ):
        page = as_publisher.get(action_url("publish", live_with_changes)).content.decode()
        draft_change(live_with_changes, "A second draft, saved while the publisher read")
        kata = ProjectUpdatePage.objects.descendant_of(live_with_changes).get(
            slug="kata-containers"
        )
        kata.get_latest_revision_as_object().save_revision()
        before = edition_snapshot(live_with_changes)
        response = as_publisher.post(
            action_url("publish", live_with_changes), {"confirm": confirm_field(page)}
        )
        assert response.status_code == 409
        html = response.content.decode()
        assert "the edition changed while you were reading" in html
        changed = {zuul_of(live_with_changes).pk, kata.pk}
        assert listed(html)["changed"] == [pk for pk in ids(live_with_changes) if pk in changed]
        assert edition_snapshot(live_with_changes) == before


class TestTheListsSayWhatWillChange:
    def test_a_fresh_edition_publishes_every_page_for_the_first_time(
        self, as_publisher, ready_edition
    ):
        assert header_actions(dashboard(as_publisher, ready_edition)) == [
            "Publish edition",
            "Schedule the release",
        ]
        html = as_publisher.get(action_url("publish", ready_edition)).content.decode()
        assert listed(html) == {"first_time": ids(ready_edition)}
        assert len(ids(ready_edition)) == 32
        assert "Publishing puts 32 pages live together" in html
        assert "Yes, publish 32 pages" in html

        response = confirm(as_publisher, "publish", ready_edition)
        assert response.status_code == 302
        assert messages_of(response) == [
            "Edition 2021 is live: 32 pages published "
            "(32 for the first time, 0 with new changes; 0 unchanged)."
        ]
        assert not Page.objects.descendant_of(ready_edition, inclusive=True).not_live().exists()

    def test_a_live_edition_with_changes_publishes_only_them(self, as_publisher, live_with_changes):
        zuul = zuul_of(live_with_changes)
        assert header_actions(dashboard(as_publisher, live_with_changes)) == [
            "Publish 1 change",
            "Schedule the release",
            "Unpublish edition",
        ]
        html = as_publisher.get(action_url("publish", live_with_changes)).content.decode()
        everything = ids(live_with_changes)
        assert listed(html) == {
            "changed": [zuul.pk],
            "unchanged": [pk for pk in everything if pk != zuul.pk],
        }
        published_before = dict(
            Page.objects.filter(pk__in=everything).values_list("pk", "last_published_at")
        )
        response = confirm(as_publisher, "publish", live_with_changes)
        assert messages_of(response) == [
            "Edition 2020 is live: 1 page published "
            "(0 for the first time, 1 with new changes; 31 unchanged)."
        ]
        published_after = dict(
            Page.objects.filter(pk__in=everything).values_list("pk", "last_published_at")
        )
        assert [pk for pk in everything if published_after[pk] != published_before[pk]] == [zuul.pk]
        assert header_actions(dashboard(as_publisher, live_with_changes)) == ["Unpublish edition"]

    def test_a_live_unchanged_edition_has_nothing_to_publish(self, as_publisher, edition_2020):
        assert header_actions(dashboard(as_publisher, edition_2020)) == ["Unpublish edition"]
        html = as_publisher.get(action_url("publish", edition_2020)).content.decode()
        assert listed(html) == {"unchanged": ids(edition_2020)}
        assert "Nothing to publish" in html and confirm_field(html) is None
        before = edition_snapshot(edition_2020)
        forced = as_publisher.post(action_url("publish", edition_2020), {"confirm": "x"})
        assert forced.status_code == 409
        assert "Nothing was published: every page is live as it is." in forced.content.decode()
        assert edition_snapshot(edition_2020) == before

    def test_unpublishing_lists_every_live_page_and_takes_them_offline(
        self, client, as_publisher, live_with_changes
    ):
        html = as_publisher.get(action_url("unpublish", live_with_changes)).content.decode()
        assert listed(html) == {"offline": ids(live_with_changes)}
        assert "Yes, take 32 pages offline" in html
        response = confirm(as_publisher, "unpublish", live_with_changes)
        assert messages_of(response) == [
            "Edition 2020 is offline: 32 pages taken offline; their content stays as drafts."
        ]
        assert client.get("/annual-reports/2020/").status_code == 404
        assert header_actions(dashboard(as_publisher, live_with_changes)) == [
            "Publish edition",
            "Schedule the release",
        ]

    def test_the_check_s_problems_are_listed_and_block_publishing(
        self, as_publisher, ready_edition
    ):
        zuul = zuul_of(ready_edition)
        version = zuul.get_latest_revision_as_object()
        version.body = []
        version.save_revision()
        html = as_publisher.get(action_url("publish", ready_edition)).content.decode()
        assert listed(html)["problems"] == [zuul.pk]
        assert "Empty section: there is nothing to read." in html
        assert confirm_field(html) is None
        assert "Nothing can be published until the check" in html


class TestScheduling:
    def test_scheduling_shows_what_would_go_live_and_then_cancelling_touches_nothing(
        self, as_publisher, ready_edition
    ):
        html = as_publisher.get(action_url("schedule", ready_edition)).content.decode()
        assert listed(html) == {"first_time": ids(ready_edition)}
        response = confirm(as_publisher, "schedule", ready_edition, release_at=SOON)
        release = EditionRelease.objects.get(edition=ready_edition)
        when = timezone.localtime(release.release_at).strftime("%Y-%m-%d %H:%M")
        assert when == SOON.replace("T", " ")
        assert messages_of(response) == [
            f"Edition 2021 goes live at {when}: 32 pages to publish then, as it stands now."
        ]
        assert header_actions(dashboard(as_publisher, ready_edition)) == [
            "Publish edition",
            "Cancel the release",
        ]
        before = edition_snapshot(ready_edition)
        html = as_publisher.get(action_url("cancel_release", ready_edition)).content.decode()
        assert f"scheduled to go live at {when}" in html
        response = confirm(as_publisher, "cancel_release", ready_edition)
        assert messages_of(response) == [
            f"Edition 2021: the release at {when} is cancelled; "
            "no page was touched (0 pages published or taken offline)."
        ]
        assert not EditionRelease.objects.filter(edition=ready_edition).exists()
        after = edition_snapshot(ready_edition)
        assert after["pages"] == before["pages"]

    def test_a_time_in_the_past_is_refused_with_the_reason(self, as_publisher, ready_edition):
        past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        page = as_publisher.get(action_url("schedule", ready_edition)).content.decode()
        response = as_publisher.post(
            action_url("schedule", ready_edition),
            {"confirm": confirm_field(page), "release_at": past},
        )
        assert response.status_code == 400
        assert "Choose a time in the future." in response.content.decode()
        assert not EditionRelease.objects.exists()


class TestOnlyPublishers:
    @pytest.mark.parametrize("action", ACTIONS)
    def test_editors_and_teams_neither_see_nor_confirm(
        self, client, draft_edition, editor, zuul_team, publisher, action
    ):
        schedule(draft_edition)
        client.force_login(publisher)
        value = confirm_field(client.get(action_url(action, draft_edition)).content.decode())
        value = value or "offered to no one: nothing to unpublish"
        before = edition_snapshot(draft_edition)
        for user in (editor, zuul_team):
            client.force_login(user)
            assert_denied(client.get(action_url(action, draft_edition)))
            assert_denied(
                client.post(
                    action_url(action, draft_edition), {"confirm": value, "release_at": SOON}
                )
            )
        client.force_login(editor)
        assert header_actions(dashboard(client, draft_edition)) == []
        assert edition_snapshot(draft_edition) == before
