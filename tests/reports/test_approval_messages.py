"""Approving a section of an unreleased edition says what it does: nothing goes live until the
edition is published; the e-mail links to the preview in the admin, not to a public 404."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.reports import test_roles
from tests.reports.test_roles import login, section

pytestmark = pytest.mark.django_db

NOTE = "Approved: it goes live when the 2021 edition is published."


def approve(client, draft_edition, zuul_team, publisher, *, ajax):
    zuul = section(draft_edition, "zuul")
    state = test_roles.TestReviewWorkflow().submit(client, zuul_team, zuul, "Ready")
    mail.outbox.clear()
    login(client, publisher)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[zuul.pk, "approve", state.current_task_state.pk]
    )
    headers = {"X-Requested-With": "XMLHttpRequest"} if ajax else {}
    response = client.post(url, {"comment": ""}, headers=headers)
    return zuul, [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("ajax", [False, True], ids=["from the editor", "from the admin home"])
def test_the_approver_is_told_the_section_waits_for_the_edition(
    client, draft_edition, zuul_team, publisher, ajax
):
    _zuul, shown = approve(client, draft_edition, zuul_team, publisher, ajax=ajax)
    assert NOTE in shown
    assert not any("has been published" in m or "live now" in m for m in shown)


def test_the_approval_email_says_so_and_links_to_the_admin_preview(
    client, draft_edition, zuul_team, publisher
):
    zuul, _shown = approve(client, draft_edition, zuul_team, publisher, ajax=False)
    approved = [m for m in mail.outbox if zuul_team.email in m.to and "approved" in m.subject]
    assert approved, [m.subject for m in mail.outbox]
    for message in approved:
        bodies = [message.body] + [html for html, _type in getattr(message, "alternatives", [])]
        for body in bodies:
            assert NOTE in body
            assert f"http://testserver/admin/pages/{zuul.pk}/view_draft/" in body
            assert "/annual-reports/2021/project-updates/zuul/" not in body
            assert "live now" not in body


def test_approval_outside_an_unreleased_edition_keeps_wagtails_message(
    client, edition_2020, roles, publisher
):
    """The 2020 edition is live: no note, the e-mail links to the public page as before."""
    from reports.models import approval_note

    assert approval_note(section(edition_2020, "zuul")) == ""
