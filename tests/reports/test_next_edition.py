"""Starting next year's edition from this year's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.rich_text import RichText

from reports.models import AnnualReportPage, LetterPage, ProjectUpdatePage
from reports.next_edition import start_next_edition
from tests.reports.factories import GeneralSectionPageFactory

pytestmark = pytest.mark.django_db


def test_every_page_is_copied_as_an_unpublished_draft_with_the_year_updated(
    draft_edition, edition_2020
):
    old = list(Page.objects.descendant_of(edition_2020, inclusive=True).order_by("path"))
    new = list(
        Page.objects.descendant_of(draft_edition, inclusive=True).order_by("path").specific()
    )
    assert len(new) == len(old)
    assert [type(p.specific) for p in old] == [type(p) for p in new]
    assert not any(p.live for p in new)
    assert all(p.latest_revision_id for p in new)
    assert draft_edition.year == 2021 and draft_edition.url_path.endswith("/2021/")
    assert draft_edition.title == "2021 Open Infrastructure Foundation Annual Report"
    titles = [p.title for p in new]
    assert (
        "Airship 2021 Project Update" in titles and "Kata Containers 2021 Annual Report" in titles
    )
    assert "Chairman’s Note" in titles


def test_drafts_are_copied_from_their_latest_revision(edition_2020, roles):
    letter = LetterPage.objects.descendant_of(edition_2020).get(slug="chairmans-note")
    draft = letter.get_latest_revision_as_object()
    draft.body = [("text", RichText("<p>A draft the public has not seen.</p>"))]
    draft.save_revision()
    unpublished = GeneralSectionPageFactory(
        parent=edition_2020, title="Unpublished extra", slug="extra", publish=False
    )
    unpublished.save_revision()

    new = start_next_edition(edition_2020)
    copied = LetterPage.objects.descendant_of(new).get(slug="chairmans-note")
    assert "A draft the public has not seen." in str(
        copied.get_latest_revision_as_object().body[0].value
    )
    assert Page.objects.descendant_of(new).filter(slug="extra", live=False).exists()


def test_links_inside_the_tree_follow_the_copy_and_profiles_are_kept(edition_2020, roles):
    zuul = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    kata = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="kata-containers")
    version = kata.get_latest_revision_as_object()
    version.body = [
        (
            "text",
            RichText(
                f'<p>See <a linktype="page" id="{zuul.pk}">Zuul</a> and '
                f'<a linktype="page" id="{zuul.project_id}">its profile</a>.</p>'
            ),
        )
    ]
    version.save_revision().publish()

    new = start_next_edition(edition_2020)
    new_zuul = ProjectUpdatePage.objects.descendant_of(new).get(slug="zuul")
    new_kata = ProjectUpdatePage.objects.descendant_of(new).get(slug="kata-containers")
    html = new_kata.get_latest_revision_as_object().body[0].value.source
    assert f'id="{new_zuul.pk}"' in html
    assert f'id="{zuul.project_id}"' in html  # the profile is not part of the edition
    assert new_zuul.project_id == zuul.project_id


def test_contributor_rights_are_carried_over(zuul_team, draft_edition, edition_2020):
    new_zuul = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="zuul")
    team = zuul_team.groups.get()
    assert GroupPagePermission.objects.filter(group=team, page=new_zuul).exists()
    # and they follow a copy even when no team set-up runs again
    newer = start_next_edition(draft_edition)
    newest_zuul = ProjectUpdatePage.objects.descendant_of(newer).get(slug="zuul")
    assert GroupPagePermission.objects.filter(group=team, page=newest_zuul).exists()


def test_an_existing_next_year_is_refused(draft_edition, edition_2020):
    with pytest.raises(ValidationError, match="2021 edition exists"):
        start_next_edition(edition_2020)
    assert AnnualReportPage.objects.filter(year=2021).count() == 1


def test_started_from_the_dashboard(client, edition_2020, publisher):
    client.force_login(publisher)
    response = client.post(reverse("reports_editions:start_next", args=[edition_2020.pk]))
    new = AnnualReportPage.objects.get(year=2021)
    assert response["Location"] == reverse("reports_editions:dashboard", args=[new.pk])
    dashboard = client.get(response["Location"]).content.decode()
    assert dashboard.count('data-state="draft"') == 32
