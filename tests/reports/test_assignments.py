"""Assigning sections: in the page editor, several at once on the dashboard, carried over to
the next edition for a Publisher to confirm; only Publishers may change them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from reports.models import ProjectUpdatePage, SectionAssignment
from reports.models.assignment_forms import save_assignment
from reports.next_edition import start_next_edition

pytestmark = pytest.mark.django_db


def editor_data(section, comments=(), **assignment):
    """What the editor of a project update posts: a one-paragraph body (block id "b1")."""
    body = streamfield([("text", rich_text("<p>Our year.</p>"))])
    body["0"]["id"] = "b1"
    data = nested_form_data(
        {
            "title": section.title,
            "slug": section.slug,
            "project": section.project_id,
            "body": body,
            "comments": inline_formset(list(comments)),
            **{f"assignment_{k}": v for k, v in assignment.items() if k != "people"},
        }
    )
    data["assignment_people"] = [p.pk for p in assignment.get("people", [])]
    return data


def test_a_publisher_assigns_a_section_in_the_page_editor(client, small_section, publisher):
    team = Group.objects.create(name="Zuul writers")
    client.force_login(publisher)
    url = reverse("wagtailadmin_pages:edit", args=[small_section.pk])
    assert 'name="assignment_brief"' in client.get(url).content.decode()
    response = client.post(
        url,
        editor_data(
            small_section,
            group=team.pk,
            people=[publisher],
            due_date="2031-03-10",
            brief="300-600 words; your three headline figures.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assignment = SectionAssignment.objects.get(page=small_section)
    assert assignment.group == team and list(assignment.people.all()) == [publisher]
    assert assignment.due_date == datetime.date(2031, 3, 10)
    assert assignment.brief == "300-600 words; your three headline figures."
    # The team given the section may edit it; the page history records the assignment.
    assert small_section.permissions_for_user(team.user_set.create(username="t")).can_edit()
    entry = PageLogEntry.objects.filter(page=small_section, action="reports.assign").get()
    assert entry.message == "Assigned to Zuul writers, pat, due 2031-03-10"


def test_a_contributor_sees_the_brief_but_cannot_change_the_assignment(
    client, draft_edition, zuul_team, publisher
):
    zuul = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="zuul")
    team = zuul_team.groups.get()
    save_assignment(
        zuul, {"group": team, "due_date": datetime.date(2031, 3, 10), "brief": "Brief 7d1"}
    )
    client.force_login(zuul_team)
    url = reverse("wagtailadmin_pages:edit", args=[zuul.pk])
    html = client.get(url).content.decode()
    assert "Brief 7d1" in html and 'name="assignment_brief"' in html and "disabled" in html
    people = html[html.index('name="assignment_people"') :]
    assert "<option" not in people[: people.index("</select>")]  # not every account listed
    response = client.post(url, editor_data(zuul, group="", due_date="2040-01-01", brief="Mine"))
    assert response.status_code == 302
    assignment = SectionAssignment.objects.get(page=zuul)
    assert (assignment.group, assignment.brief) == (team, "Brief 7d1")
    assert assignment.due_date == datetime.date(2031, 3, 10)


def test_several_sections_are_assigned_at_once_or_none_on_bad_input(
    client, draft_edition, publisher, editor
):
    pages = {
        p.slug: p
        for p in ProjectUpdatePage.objects.descendant_of(draft_edition).filter(
            slug__in=["zuul", "kata-containers"]
        )
    }
    url = reverse("reports_editions:assign", args=[draft_edition.pk])
    client.force_login(editor)
    refused = client.get(url)  # editors write; Publishers assign
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    client.force_login(publisher)
    zuul_team = Group.objects.get(name="Zuul team")
    data = {
        f"s{pages['zuul'].pk}-group": zuul_team.pk,
        f"s{pages['zuul'].pk}-due_date": "2031-03-10",
        f"s{pages['kata-containers'].pk}-people": [editor.pk],
        f"s{pages['kata-containers'].pk}-due_date": "not a date",
    }
    html = client.post(url, data).content.decode()
    assert "Nothing was saved" in html and "Enter a valid date." in html
    assert not SectionAssignment.objects.exists()
    data[f"s{pages['kata-containers'].pk}-due_date"] = "2031-03-12"
    response = client.post(url, data, follow=True)
    assert "2 assignments saved." in response.content.decode()
    assert SectionAssignment.objects.get(page=pages["zuul"]).group == zuul_team
    kata = SectionAssignment.objects.get(page=pages["kata-containers"])
    assert list(kata.people.all()) == [editor] and kata.due_date == datetime.date(2031, 3, 12)


def test_the_next_edition_carries_assignments_over_a_year_later_to_confirm(
    client, edition_2020, roles, publisher
):
    zuul_2020 = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    team = Group.objects.get(name="Zuul team")
    save_assignment(
        zuul_2020,
        {"group": team, "people": [publisher], "due_date": datetime.date(2020, 2, 29)},
    )
    edition_2021 = start_next_edition(edition_2020, user=publisher)
    zuul_2021 = ProjectUpdatePage.objects.descendant_of(edition_2021).get(slug="zuul")
    carried = SectionAssignment.objects.get(page=zuul_2021)
    assert carried.due_date == datetime.date(2021, 2, 28)
    assert (carried.group, list(carried.people.all())) == (team, [publisher])
    assert not carried.confirmed
    client.force_login(publisher)
    dashboard = reverse("reports_editions:dashboard", args=[edition_2021.pk])
    html = client.get(dashboard).content.decode()
    assert "1 assignment carried over from last year" in html and "(to confirm)" in html
    client.post(reverse("reports_editions:confirm_assignments", args=[edition_2021.pk]))
    carried.refresh_from_db()
    assert carried.confirmed
    assert SectionAssignment.objects.get(page=zuul_2020).due_date == datetime.date(2020, 2, 29)
