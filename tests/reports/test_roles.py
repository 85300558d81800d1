"""Every role against every edition action, through the real admin, crafted POSTs included."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from reports.models import EditionRelease, ProjectUpdatePage, ReviewLink
from reports.publishing import edition_states
from tests.reports.confirmations import confirm
from tests.reports.last_year import make_publishable

pytestmark = pytest.mark.django_db

ACTIONS = ["publish", "unpublish", "schedule", "create_review_link", "start_next"]
CONFIRMED = {"publish", "unpublish", "schedule"}
PUBLISHER_ONLY = {
    "publish": {},
    "unpublish": {},
    "schedule": {"release_at": "2099-01-01T09:00"},
    "create_review_link": {"label": "Board", "valid_days": "7"},
    "start_next": {},
}


def assert_denied(response):
    """Wagtail's admin answers a refused action with a redirect home and a message, or 403."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ), (response.status_code, response.get("Location"))


def login(client, user):
    client.force_login(user)
    return client


def section(edition, slug):
    return ProjectUpdatePage.objects.descendant_of(edition).get(slug=slug)


def edit_data(page, text, **actions):
    """The page editor's form as a browser posts it, with one paragraph as the body."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "project": page.project_id,
            "body": streamfield([("text", rich_text(f"<p>{text}</p>"))]),
            "comments": inline_formset([]),
            **actions,
        }
    )


def edit(client, page, text, **actions):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, text, **actions)
    )


def latest_text(page):
    """The words of the page's latest revision, as an editor would read them."""
    page.refresh_from_db()
    return re.sub(r"<[^>]+>", "", str(page.get_latest_revision_as_object().body[0].value))


def test_setup_roles_is_idempotent(roles):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

    from reports.models import AnnualReportIndexPage
    from reports.roles import setup_roles

    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    setup_roles()
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    ) == counts
    index = AnnualReportIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == "Edition review"
    assert Group.objects.filter(name="Zuul team").exists()


class TestDashboardAccess:
    @pytest.mark.parametrize("action", ACTIONS)
    def test_anonymous_visitors_are_sent_to_the_login(self, client, draft_edition, action):
        url = reverse(f"reports_editions:{action}", args=[draft_edition.pk])
        response = client.post(url, PUBLISHER_ONLY[action])
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert (
            client.get(reverse("reports_editions:dashboard", args=[draft_edition.pk])).status_code
            == 302
        )

    @pytest.mark.parametrize("action", ACTIONS)
    def test_editors_see_the_dashboard_but_cannot_act(self, client, draft_edition, editor, action):
        login(client, editor)
        assert (
            client.get(reverse("reports_editions:dashboard", args=[draft_edition.pk])).status_code
            == 200
        )
        assert (
            client.get(reverse("reports_editions:preview", args=[draft_edition.pk])).status_code
            == 200
        )
        response = client.post(
            reverse(f"reports_editions:{action}", args=[draft_edition.pk]), PUBLISHER_ONLY[action]
        )
        assert_denied(response)
        self.assert_nothing_happened(draft_edition)

    @pytest.mark.parametrize("action", ACTIONS)
    def test_project_teams_cannot_see_or_act(self, client, draft_edition, zuul_team, action):
        login(client, zuul_team)
        assert_denied(client.get(reverse("reports_editions:dashboard", args=[draft_edition.pk])))
        assert_denied(client.get(reverse("reports_editions:preview", args=[draft_edition.pk])))
        response = client.post(
            reverse(f"reports_editions:{action}", args=[draft_edition.pk]), PUBLISHER_ONLY[action]
        )
        assert_denied(response)
        self.assert_nothing_happened(draft_edition)

    @pytest.mark.parametrize("action", ACTIONS)
    def test_publishers_can_do_every_action(
        self, client, edition_2020, draft_edition, publisher, action
    ):
        if action == "publish":
            make_publishable(draft_edition)  # no longer last year's text
        login(client, publisher)
        url = reverse(f"reports_editions:{action}", args=[draft_edition.pk])
        if action in CONFIRMED:  # through its confirmation page (test_edition_actions.py)
            edition = edition_2020 if action == "unpublish" else draft_edition
            response = confirm(client, action, edition, **PUBLISHER_ONLY[action])
        else:
            response = client.post(url, PUBLISHER_ONLY[action])
        assert response.status_code == 302
        draft_edition.refresh_from_db()
        edition_2020.refresh_from_db()
        if action == "unpublish":
            assert not edition_2020.live
        elif action == "publish":
            assert draft_edition.live
        elif action == "schedule":
            assert EditionRelease.objects.get(edition=draft_edition).pending
        elif action == "create_review_link":
            assert ReviewLink.objects.filter(edition=draft_edition).count() == 1
        elif action == "start_next":
            assert Page.objects.filter(slug="2022").exists()

    def test_a_publisher_cannot_act_on_an_edition_outside_their_rights(
        self, client, draft_edition, zuul_team
    ):
        other = zuul_team  # has publish rights nowhere
        login(client, other)
        link = ReviewLink.create(draft_edition, user=None, expires_at="2099-01-01T00:00Z")[0]
        url = reverse("reports_editions:revoke_review_link", args=[draft_edition.pk, link.pk])
        assert_denied(client.post(url))
        link.refresh_from_db()
        assert link.revoked_at is None

    @staticmethod
    def assert_nothing_happened(edition):
        assert not Page.objects.descendant_of(edition, inclusive=True).live().exists()
        assert not EditionRelease.objects.filter(edition=edition).exists()
        assert not ReviewLink.objects.filter(edition=edition).exists()
        assert not Page.objects.filter(slug="2022").exists()


class TestSectionEditing:
    def test_a_project_team_edits_its_own_update_and_nothing_else(
        self, client, draft_edition, zuul_team
    ):
        login(client, zuul_team)
        zuul, kata = section(draft_edition, "zuul"), section(draft_edition, "kata-containers")
        assert client.get(reverse("wagtailadmin_pages:edit", args=[zuul.pk])).status_code == 200
        assert edit(client, zuul, "Zuul in 2021").status_code == 302
        assert latest_text(zuul) == "Zuul in 2021"

        response = edit(client, kata, "Kata by the Zuul team")
        assert response.status_code in (302, 403)
        assert "by the Zuul team" not in latest_text(kata)
        assert client.get(reverse("wagtailadmin_pages:edit", args=[kata.pk])).status_code in (
            302,
            403,
        )

    def test_no_one_but_publishers_puts_a_section_live(self, client, edition_2020, editor, roles):
        zuul = section(edition_2020, "zuul")
        login(client, editor)
        edit(client, zuul, "Edited by an editor", **{"action-publish": "publish"})
        zuul.refresh_from_db()
        assert zuul.has_unpublished_changes
        assert "Edited by an editor" not in client.get(zuul.url).content.decode()

    def test_parts_of_an_unreleased_edition_cannot_be_published_alone(
        self, client, draft_edition, publisher
    ):
        zuul = section(draft_edition, "zuul")
        login(client, publisher)
        edit(client, zuul, "Zuul 2021", **{"action-publish": "publish"})
        zuul.refresh_from_db()
        assert not zuul.live
        page = client.get(reverse("wagtailadmin_pages:edit", args=[zuul.pk])).content.decode()
        assert 'name="action-publish"' not in page


class TestReviewWorkflow:
    def submit(self, client, user, page, text):
        login(client, user)
        response = edit(client, page, text, **{"action-submit": "submit"})
        assert response.status_code == 302
        return WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")

    def task_action(self, client, page, state, action, comment=""):
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, state.current_task_state.pk],
        )
        return client.post(url, {"comment": comment})

    def test_submit_then_approve_leaves_the_section_approved_until_the_edition_is_published(
        self, client, draft_edition, zuul_team, publisher
    ):
        zuul = section(draft_edition, "zuul")
        mail.outbox.clear()
        state = self.submit(client, zuul_team, zuul, "Ready for review")
        assert [s.state for s in edition_states(draft_edition) if s.page.pk == zuul.pk] == [
            "in_review"
        ]
        assert any(publisher.email in m.to for m in mail.outbox), "publishers are told"

        # The team cannot approve its own work, even with a crafted POST.
        response = self.task_action(client, zuul, state, "approve")
        state.refresh_from_db()
        assert state.status == "in_progress"
        assert response.status_code in (302, 403)

        mail.outbox.clear()
        login(client, publisher)
        self.task_action(client, zuul, state, "approve", "Good to go")
        state.refresh_from_db()
        assert state.status == "approved"
        zuul.refresh_from_db()
        assert not zuul.live, "approval alone does not publish a part of the edition"
        assert [s.state for s in edition_states(draft_edition) if s.page.pk == zuul.pk] == [
            "approved"
        ]
        assert any(zuul_team.email in m.to for m in mail.outbox), "the submitter is told"

    def test_reject_with_a_comment_tells_the_submitter(
        self, client, draft_edition, zuul_team, publisher
    ):
        zuul = section(draft_edition, "zuul")
        state = self.submit(client, zuul_team, zuul, "First try")
        mail.outbox.clear()
        login(client, publisher)
        self.task_action(client, zuul, state, "reject", "Please add the 2021 figures")
        state.refresh_from_db()
        assert state.status == "needs_changes"
        assert [s.state for s in edition_states(draft_edition) if s.page.pk == zuul.pk] == [
            "changes_requested"
        ]
        assert any(zuul_team.email in m.to for m in mail.outbox)
        assert "Please add the 2021 figures" in state.current_task_state.get_comment()

    def test_a_page_in_review_is_locked_for_its_editors(self, client, draft_edition, zuul_team):
        zuul = section(draft_edition, "zuul")
        self.submit(client, zuul_team, zuul, "Submitted text")
        edit(client, zuul, "Sneaky change during review")
        assert latest_text(zuul) == "Submitted text"

    def test_a_publisher_lock_keeps_editors_out(self, client, draft_edition, publisher, editor):
        zuul = section(draft_edition, "zuul")
        login(client, publisher)
        client.post(reverse("wagtailadmin_pages:lock", args=[zuul.pk]))
        zuul.refresh_from_db()
        assert zuul.locked
        login(client, editor)
        edit(client, zuul, "Editor while locked")
        assert "Editor while locked" not in latest_text(zuul)


def test_only_publishers_unpublish_cancel_a_release_or_revoke_a_link(
    client, edition_2020, draft_edition, editor, zuul_team, publisher
):
    release = EditionRelease.objects.create(edition=draft_edition, release_at="2099-01-01T09:00Z")
    link, _token = ReviewLink.create(draft_edition, user=None, expires_at="2099-01-01T00:00Z")
    unpublish = reverse("reports_editions:unpublish", args=[edition_2020.pk])
    cancel = reverse("reports_editions:cancel_release", args=[draft_edition.pk])
    revoke = reverse("reports_editions:revoke_review_link", args=[draft_edition.pk, link.pk])
    for user in (editor, zuul_team):
        login(client, user)
        assert_denied(client.post(unpublish, {"confirm": "1"}))
        assert_denied(client.post(cancel, {"confirm": "1"}))
        assert_denied(client.post(revoke))
    edition_2020.refresh_from_db()
    link.refresh_from_db()
    assert edition_2020.live and link.revoked_at is None
    assert EditionRelease.objects.filter(pk=release.pk).exists()

    login(client, publisher)
    confirm(client, "unpublish", edition_2020)
    confirm(client, "cancel_release", draft_edition)
    client.post(revoke)
    edition_2020.refresh_from_db()
    link.refresh_from_db()
    assert not edition_2020.live and link.revoked_at is not None
    assert not EditionRelease.objects.filter(pk=release.pk).exists()


def test_bulk_publishing_cannot_publish_part_of_an_unreleased_edition(
    client, draft_edition, publisher
):
    zuul = section(draft_edition, "zuul")
    login(client, publisher)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={zuul.pk}&next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore_root")
    zuul.refresh_from_db()
    assert not zuul.live


def test_approval_inside_an_edition_does_not_promise_to_publish(
    client, draft_edition, zuul_team, publisher
):
    zuul = section(draft_edition, "zuul")
    login(client, zuul_team)
    edit(client, zuul, "Ready", **{"action-submit": "submit"})
    login(client, publisher)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[zuul.pk])).content.decode()
    assert "Approve with comment" in html
    assert "and Publish" not in html
