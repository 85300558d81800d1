"""Editing an edition source and loading it again: only what changed gets a new revision;
removed sections are removed, reordered ones moved."""

import pytest
import yaml
from wagtail.models import Page

from reports.models import AnnualReportPage, LetterPage
from reports.sources.export import export_edition
from reports.sources.load import load_edition
from tests.reports.helpers import (
    YEAR,
    assert_exports_as,
    db_snapshot,
    edition_slugs,
    find_section,
    replace_once,
    section_count,
    source_data,
    source_text,
    write_source,
)

pytestmark = pytest.mark.django_db


def test_editing_one_paragraph_updates_exactly_that_page(tmp_path):
    text = source_text()
    path = write_source(tmp_path, text)
    load_edition(path)
    edition = AnnualReportPage.objects.get(year=YEAR)
    revisions_before = dict(edition.get_descendants().values_list("pk", "latest_revision_id"))
    old = "<p>Let’s cheer on the new year and to the successful growth of the seeds"
    new = "<p>Let’s cheer on 2021, and on the successful growth of the seeds"
    write_source(tmp_path, replace_once(text, old, new))

    report = load_edition(path)

    assert (report.created, report.deleted) == ([], [])
    assert report.updated == ["sections[0] “Chairman’s Note”"]
    letter = LetterPage.objects.child_of(edition).get(slug="chairmans-note")
    assert letter.live and not letter.has_unpublished_changes
    assert letter.latest_revision_id != revisions_before[letter.pk]
    assert letter.live_revision_id == letter.latest_revision_id
    live_text = letter.body.raw_data[0]["value"]
    assert new in live_text and old not in live_text
    revisions_after = dict(edition.get_descendants().values_list("pk", "latest_revision_id"))
    assert {pk for pk in revisions_after if revisions_after[pk] != revisions_before[pk]} == {
        letter.pk
    }
    # The 2020 edition, loaded from the unedited text, keeps its paragraph.
    letter_2020 = LetterPage.objects.child_of(AnnualReportPage.objects.get(year=2020))
    assert old in letter_2020.get(slug="chairmans-note").body.raw_data[0]["value"]
    assert_exports_as(path)


def test_removing_sections_removes_their_pages(tmp_path):
    data = source_data()
    path = write_source(tmp_path, data)
    load_edition(path)
    chapter = find_section(data["sections"], "community-highlights")
    data["sections"] = [s for s in data["sections"] if s["slug"] != "press-analyst-highlights"]
    chapter["sections"] = [s for s in chapter["sections"] if s["slug"] != "students-in-openstack"]
    write_source(tmp_path, data)
    pages_before = db_snapshot()["pages"]

    report = load_edition(path)

    assert sorted(report.deleted) == ["Press & Analyst Highlights", "Students in OpenStack"]
    assert report.created == []
    slugs = edition_slugs()
    for gone in (
        "press-analyst-highlights",
        "students-in-openstack",
        "boston-university-senior-design-program",  # a subsection of a removed section
    ):
        assert gone not in slugs
    assert db_snapshot()["pages"] == pages_before - 5  # 2 sections, 3 subsections
    assert len(edition_slugs(2020)) == section_count(source_data()["sections"])
    assert_exports_as(path)


def test_reordering_sections_reorders_the_pages(tmp_path):
    data = source_data()
    path = write_source(tmp_path, data)
    load_edition(path)
    ids_before = {slug: pk for pk, slug in Page.objects.values_list("pk", "slug")}
    snapshot_before = db_snapshot()
    sections = data["sections"]
    sections[0], sections[1] = sections[1], sections[0]
    events = find_section(sections, "event-highlights")
    events["sections"].reverse()
    write_source(tmp_path, data)

    report = load_edition(path)

    assert (report.created, report.deleted) == ([], [])
    assert edition_slugs()[:2] == [
        "letter-from-the-executive-director",
        "chairmans-note",
    ]
    chapter = Page.objects.get(url_path=f"/home/annual-reports/{YEAR}/event-highlights/")
    assert [p.slug for p in chapter.get_children()] == [s["slug"] for s in events["sections"]]
    # The same pages, moved: no page or revision was added or replaced.
    after = db_snapshot()
    assert after["pages"] == snapshot_before["pages"]
    assert after["revisions"] == snapshot_before["revisions"]
    assert Page.objects.get(url_path=f"/home/annual-reports/{YEAR}/chairmans-note/").pk in (
        ids_before.values()
    )
    # Export lists people in the order their letters come, so compare the sections only.
    exported = export_edition(YEAR, tmp_path / "exported" / "edition.yaml")
    assert yaml.safe_load(exported.read_text(encoding="utf-8"))["sections"] == sections
    assert not load_edition(path).changed
