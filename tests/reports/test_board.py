"""The production board and the contributor's home: who writes what, by when, in what state."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Comment

from reports.checks import check_edition
from reports.models import GeneralSectionPage, ProjectUpdatePage, SectionAssignment
from reports.models.assignment_forms import save_assignment
from reports.models.editions import edition_pages
from reports.publishing import EditionNotPublishable, publish_edition

pytestmark = pytest.mark.django_db


def section(edition, slug, model=ProjectUpdatePage):
    return model.objects.descendant_of(edition).get(slug=slug)


def test_a_contributor_sees_only_their_sections_on_their_home(
    client, draft_edition, zuul_team, editor, publisher
):
    team = Group.objects.get(name="Zuul team")
    save_assignment(section(draft_edition, "zuul"), {"group": team, "brief": "Zuul brief 41"})
    kata_team = Group.objects.get(name="Kata Containers team")
    save_assignment(section(draft_edition, "kata-containers"), {"group": kata_team, "brief": "K"})
    press = GeneralSectionPage.objects.descendant_of(draft_edition).first()
    # Named on a section she may not edit: nothing she could act on, so not shown.
    save_assignment(press, {"people": [zuul_team, editor], "brief": "Press brief 93"})
    SectionAssignment.objects.create(
        page=section(draft_edition, "starlingx"), group=team, confirmed=False, brief="Not yet 5"
    )

    client.force_login(zuul_team)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your sections" in html and "Zuul brief 41" in html and "Not started" in html
    panel = html[html.index('id="your-sections') :]
    panel = panel[: panel.index("</table>")]
    assert panel.count("<tr data-state=") == 1 and 'aria-label="Edit Zuul (2021)"' in panel
    edit = reverse("wagtailadmin_pages:edit", args=[section(draft_edition, "zuul").pk])
    assert f'href="{edit}"' in html
    assert "Press brief 93" not in html and "Not yet 5" not in html
    assert "w-summary" not in html  # no site-wide counts for a project team

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Press brief 93" in html and "Zuul brief 41" not in html

    client.force_login(publisher)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your sections" not in html and "w-summary" in html


def board_csv(client, edition):
    response = client.get(reverse("reports_editions:board_csv", args=[edition.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_board_shows_lateness_filters_and_exports_one_row_per_section(
    client, draft_edition, publisher, editor
):
    today = timezone.localdate()
    team = Group.objects.get(name="Zuul team")
    zuul, kata = section(draft_edition, "zuul"), section(draft_edition, "kata-containers")
    save_assignment(zuul, {"group": team, "due_date": today - datetime.timedelta(days=5)})
    save_assignment(kata, {"people": [editor], "due_date": today + datetime.timedelta(days=9)})
    client.force_login(publisher)

    rows = board_csv(client, draft_edition)
    assert rows[0] == [
        "Section", "Assignee", "Due date", "State", "Days late", "Open comments", "Editor"
    ]  # fmt: skip
    assert len(rows) - 1 == len(edition_pages(draft_edition))
    by_title = {row[0]: row for row in rows[1:]}
    assert by_title["Zuul"][1:6] == [
        "Zuul team", (today - datetime.timedelta(days=5)).isoformat(), "Not started", "5", "0"
    ]  # fmt: skip
    assert by_title["Zuul"][6] == f"http://testserver/admin/pages/{zuul.pk}/edit/"
    kata_row = by_title["Kata Containers 2021 Annual Report"]
    assert kata_row[1:5] == ["eddie", kata_due(today), "Not started", "0"]
    assert by_title["Magma"][1:4] == ["", "", "Draft"]

    url = reverse("reports_editions:dashboard", args=[draft_edition.pk])
    html = client.get(url).content.decode()
    first_row = html.index("<tbody>")
    assert html.index(">Zuul</a>", first_row) < html.index(">2021 Open", first_row)
    assert "5 days late" in html and "1 section overdue." in html
    html = client.get(url, {"state": "not_started"}).content.decode()
    assert html.count('data-state="not_started"') == 2 and 'data-state="draft"' not in html
    html = client.get(url, {"assignee": f"user:{editor.pk}"}).content.decode()
    assert html.count("<tr data-state=") == 1 and ">Kata Containers 2021 Annual" in html
    html = client.get(url, {"assignee": "none", "state": "draft"}).content.decode()
    assert html.count("<tr data-state=") == len(edition_pages(draft_edition)) - 2


def kata_due(today):
    return (today + datetime.timedelta(days=9)).isoformat()


def test_the_board_is_staff_only(client, small_edition, zuul_team):
    url = reverse("reports_editions:board_csv", args=[small_edition.pk])
    assert "/admin/login/" in client.get(url)["Location"]
    client.force_login(zuul_team)  # may edit one section, not see the edition's board
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")


def test_unresolved_comments_block_the_pre_publish_check(client, small_section, publisher):
    comment = Comment.objects.create(
        page=small_section, user=publisher, text="Which figures?", contentpath="title"
    )
    edition = small_section.get_parent().specific
    problems = [str(p) for p in check_edition(edition)]
    assert "Zuul: 1 unresolved comment." in problems
    with pytest.raises(EditionNotPublishable, match="1 unresolved comment"):
        publish_edition(edition, user=publisher)
    client.force_login(publisher)
    html = client.get(reverse("reports_editions:dashboard", args=[edition.pk])).content.decode()
    assert ">1 open</a>" in html
    comment.resolved_at = timezone.now()
    comment.save()
    assert not [p for p in check_edition(edition) if "comment" in p.message]
