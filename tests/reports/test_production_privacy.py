"""Production data stays in the admin: assignments, briefs, due dates and comments never reach
public pages, search, the API, feeds, the sitemap or the PDF; deleting a person keeps the
history of the sections they worked on."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Comment, Page, PageLogEntry, Revision, Workflow, WorkflowState

from reports.models import SectionAssignment
from reports.models.assignment_forms import save_assignment
from reports.pdf.build import build_edition_pdf
from reports.roles import WORKFLOW
from tests.reports.conftest import make_user
from tests.reports.factories import AnnualReportPageFactory, ProjectUpdatePageFactory, paragraph
from tests.reports.pdf_helpers import text_of

pytestmark = pytest.mark.django_db
BRIEF = "Briefmarker 7q2x: three headline figures."
COMMENT = "Commentmarker 9k3v: which moon?"
DUE = datetime.date(2031, 7, 19)
MARKERS = ["Briefmarker", "7q2x", "Commentmarker", "9k3v", "2031-07-19", "19 July 2031"]


def test_assignments_and_comments_never_reach_the_public(client, roles, publisher):
    edition = AnnualReportPageFactory()
    zuul = ProjectUpdatePageFactory(parent=edition, title="Zuul", body=paragraph("Zuul grew."))
    save_assignment(
        zuul,
        {"group": Group.objects.get(name="Editors"), "due_date": DUE, "brief": BRIEF},
        publisher,
    )
    Comment.objects.create(page=zuul, user=publisher, text=COMMENT, contentpath="title")
    zuul.save_revision(user=publisher).publish()

    responses = {
        "edition": client.get(edition.url),
        "section": client.get(zuul.url),
        "search brief": client.get("/search/", {"q": "Briefmarker"}),
        "search comment": client.get("/search/", {"q": "Commentmarker"}),
        "feed": client.get(reverse("reports_feed")),
        "sitemap": client.get("/sitemap.xml"),
        "api detail": client.get(f"/api/v2/pages/{zuul.pk}/"),
        "api listing": client.get(
            "/api/v2/pages/", {"type": "reports.ProjectUpdatePage", "fields": "*"}
        ),
        "api search": client.get("/api/v2/pages/", {"search": "Briefmarker"}),
    }
    for name, response in responses.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        if name.startswith("search"):  # the results page repeats the query, and finds nothing
            text = text.replace(response.wsgi_request.GET["q"], "")
            assert "No results for" in text, name
        if name == "api search":
            assert response.json()["meta"]["total_count"] == 0
        assert [m for m in MARKERS if m in text] == [], name
    assert "Zuul grew." in responses["section"].content.decode()  # the page itself is there
    assert not Page.objects.live().search("Briefmarker")
    assert not Page.objects.live().search("Commentmarker")

    pdf = build_edition_pdf(edition.pk, force=True).pdf
    with pdf.file.open("rb") as handle:
        text = text_of(handle.read())
    assert "zuul grew" in text  # the PDF's text, lower case, without punctuation
    pdf_markers = ["briefmarker", "7q2x", "commentmarker", "9k3v", "19 july"]
    assert [m for m in pdf_markers if m in text] == []


def test_deleting_a_person_keeps_their_sections_history(client, small_section, publisher):
    zoe = make_user("zoe")
    team = Group.objects.create(name="Zuul writers")
    save_assignment(small_section, {"group": team, "people": [zoe], "due_date": DUE}, publisher)
    version = small_section.get_latest_revision_as_object()
    version.body = paragraph("Zoe wrote this.")
    version.save_revision(user=zoe, log_action=True)
    Workflow.objects.get(name=WORKFLOW).start(small_section, zoe)
    revisions = Revision.page_revisions.filter(object_id=str(small_section.pk)).count()
    entries = PageLogEntry.objects.filter(page=small_section).count()

    zoe.delete()

    assert Revision.page_revisions.filter(object_id=str(small_section.pk)).count() == revisions
    revisions = Revision.page_revisions.filter(object_id=str(small_section.pk))
    zoes = [r for r in revisions if "Zoe wrote this." in str(r.content["body"])]
    assert zoes and all(r.user is None for r in zoes)
    assert PageLogEntry.objects.filter(page=small_section).count() == entries
    assignment = SectionAssignment.objects.get(page=small_section)
    assert assignment.group == team and assignment.due_date == DUE
    assert not assignment.people.exists()
    assert WorkflowState.objects.filter(object_id=str(small_section.pk)).exists()
    client.force_login(publisher)
    history = client.get(reverse("wagtailadmin_pages:history", args=[small_section.pk]))
    assert history.status_code == 200 and "Assigned to Zuul writers" in history.content.decode()
