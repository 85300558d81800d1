"""Edition sources: load/export round trip, idempotent re-loads, edits, malformed files, images.

Copies of content/editions/2020.yaml are loaded as the 2090 edition, so the 2020 edition the
session database holds is never disturbed (each test is rolled back anyway).
"""

import datetime
import io
from dataclasses import dataclass

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from projects.models import ProjectPage
from reports.models import AnnualReportPage, LetterPage, Person
from reports.sources.export import export_edition
from reports.sources.load import load_edition
from reports.sources.yaml_io import SourceError
from tests.reports.factories import (
    AnnualReportPageFactory,
    ChapterPageFactory,
    EventPageFactory,
    GeneralSectionPageFactory,
    LetterPageFactory,
    ProjectUpdatePageFactory,
    WorkingGroupUpdatePageFactory,
)
from tests.reports.helpers import (
    EDITION_2020,
    db_snapshot,
    find_section,
    line_of,
    replace_once,
    source_data,
    source_text,
    write_png,
    write_source,
)

pytestmark = pytest.mark.django_db

YEAR = 2090  # the year of the copies of the 2020 source


def edition_slugs(year=YEAR):
    """The slugs of the pages of an edition, in reading order."""
    edition = AnnualReportPage.objects.get(year=year)
    return list(edition.get_descendants().order_by("path").values_list("slug", flat=True))


def section_count(sections):
    return sum(1 + section_count(s.get("sections", [])) for s in sections)


def assert_exports_as(path, year=YEAR):
    """Exporting the edition gives back the file at `path`, byte for byte."""
    exported = export_edition(year, path.parent / "exported" / path.name)
    assert exported.read_bytes() == path.read_bytes()


# Round trip


def test_export_of_the_2020_edition_is_byte_identical_to_its_source(tmp_path):
    written = export_edition(2020, tmp_path / "2020.yaml")

    assert written.read_bytes() == EDITION_2020.read_bytes()
    assert list(tmp_path.iterdir()) == [written]  # the 2020 source uses no image


def test_the_commands_round_trip_the_2020_edition(tmp_path):
    out = io.StringIO()
    call_command("load_edition", str(EDITION_2020), stdout=out)
    assert out.getvalue().strip() == "Edition 2020: already up to date, nothing changed."

    target = tmp_path / "new" / "folder" / "2020.yaml"
    out = io.StringIO()
    call_command("export_edition", "2020", str(target), stdout=out)

    assert target.read_bytes() == EDITION_2020.read_bytes()
    assert out.getvalue().strip() == f"Edition 2020 written to {target}."


def test_export_command_rejects_a_year_without_edition(tmp_path):
    with pytest.raises(CommandError, match="There is no 1999 edition."):
        call_command("export_edition", "1999", str(tmp_path / "1999.yaml"))
    assert not (tmp_path / "1999.yaml").exists()


# Loading again


def test_reloading_the_2020_source_changes_nothing():
    before = db_snapshot()

    report = load_edition(EDITION_2020)

    assert not report.changed
    assert db_snapshot() == before


def test_loading_the_same_file_twice_duplicates_nothing(tmp_path):
    path = write_source(tmp_path, source_text())
    before = db_snapshot()

    first = load_edition(path)

    # A new edition, sharing the people and profiles the 2020 edition already created.
    after_first = db_snapshot()
    sections = section_count(source_data()["sections"])
    assert first.changed
    assert len(first.created) == 1 + sections
    assert after_first["pages"] == before["pages"] + 1 + sections
    assert after_first["revisions"] == before["revisions"] + 1 + sections
    for unchanged in ("people", "projects", "channels", "images"):
        assert after_first[unchanged] == before[unchanged], unchanged

    second = load_edition(path)

    assert not second.changed
    assert str(second) == f"Edition {YEAR}: already up to date, nothing changed."
    assert db_snapshot() == after_first
    assert_exports_as(path)


# Editing the source


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


# Malformed files


@dataclass
class Mistake:
    """An edit of the source that makes it invalid, and what the error must say."""

    id: str
    old: str
    new: str
    field: str | None
    place: str
    line_at: str | None = None  # text on the line the error names (in the edited file)
    line_after: str = ""  # when line_at is not unique: the first line_at after this

    def apply(self, text):
        return replace_once(text, self.old, self.new)


LETTER_3 = "sections[2] “Introducing the Open Infrastructure Foundation”"
KATA = "sections[3] “OpenInfra Foundation Project Updates” › sections[1] “Kata Containers 2020"
MISTAKES = [
    Mistake(
        "yaml-syntax",
        "    signatory: Alan Clark\n",
        "    signatory: Alan Clark: Chair\n",
        field=None,
        place="not valid YAML",
        line_at="signatory: Alan Clark: Chair",
    ),
    Mistake(
        "unknown-section-type",
        "  - type: chapter\n    title: Event Highlights\n",
        "  - type: chapters\n    title: Event Highlights\n",
        field="type",
        place="sections[8] “Event Highlights”",
        line_at="  - type: chapters\n",
    ),
    Mistake(
        "missing-signatory",
        "    signatory: Thierry Carrez\n",
        "",
        field="signatory",
        place=LETTER_3,
        line_at="  - type: letter\n    title: Introducing",
    ),
    Mistake(
        "signatory-not-in-people",
        "    signatory: Thierry Carrez\n",
        "    signatory: Thierry Carez\n",
        field="signatory",
        place=LETTER_3,
        line_at="signatory: Thierry Carez",
    ),
    Mistake(
        "invalid-link-url",
        "                - label: Website\n                  url: https://katacontainers.io/\n",
        "                - label: Website\n                  url: katacontainers dot io\n",
        field="url",
        place=f"{KATA} Annual Report” › body[5] › links[0]",
        # Found by Wagtail's validation: the line is that of the block holding the link.
        line_at="- link_list:",
        line_after="title: Kata Containers 2020 Annual Report",
    ),
    Mistake(
        "duplicate-slug",
        "        slug: openinfra-tv\n",
        "        slug: open-infrastructure-summit\n",
        field="slug",
        place="sections[8] “Event Highlights” › sections[1] “OpenInfra TV",
        line_at="slug: open-infrastructure-summit",
        line_after="title: 'OpenInfra TV",
    ),
    Mistake(
        "year-out-of-range",
        f"  year: {YEAR}\n",
        "  year: 1999\n",
        field="year",
        place="edition",
        line_at="  year: 1999\n",
    ),
    Mistake(
        "unknown-block-type",
        "      - heading:\n          text: Superuser\n",
        "      - headline:\n          text: Superuser\n",
        field="headline",
        place="sections[7] “Press & Analyst Highlights” › body[3]",
        line_at="- headline:",
    ),
    Mistake(
        "unknown-section-field",
        "    title: Event Highlights\n",
        "    title: Event Highlights\n    colour: red\n",
        field="colour",
        place="sections[8] “Event Highlights”",
        line_at="colour: red",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.id)
def test_a_malformed_file_is_rejected_with_a_precise_message_and_changes_nothing(tmp_path, mistake):
    text = mistake.apply(source_text())
    path = write_source(tmp_path, text)
    before = db_snapshot()

    with pytest.raises(SourceError) as raised:
        load_edition(path)

    message = str(raised.value)
    assert message.startswith(str(path))
    assert mistake.place in message
    if mistake.field:
        assert f"field '{mistake.field}'" in message
    if mistake.line_at:
        line = line_of(text, mistake.line_at, mistake.line_after)
        assert f"{path}, line {line}:" in message
    assert db_snapshot() == before
    assert not AnnualReportPage.objects.filter(year=YEAR).exists()

    with pytest.raises(CommandError) as raised_by_command:
        call_command("load_edition", str(path), stdout=io.StringIO())
    assert str(raised_by_command.value) == f"Nothing was loaded. {message}"
    assert db_snapshot() == before


def test_a_mistake_in_the_last_section_leaves_nothing_of_the_earlier_ones(tmp_path):
    """Everything before the mistake is valid and new: a person, a project, a letter with an
    image, a whole edition; the invalid URL in its very last block is found only when Wagtail
    validates the blocks, after the earlier sections were written."""
    data = source_data()
    data["people"].append({"name": "Ada Lovelace", "role": "Analyst", "organisation": ""})
    data["projects"].append(
        {
            "slug": "engine",
            "name": "Analytical Engine",
            "summary": "",
            "website": "https://engine.example.org/",
            "repository": "",
            "licence": "",
            "status": "pilot",
            "get_involved": [{"label": "Website", "url": "https://engine.example.org/"}],
        }
    )
    write_png(tmp_path / "images" / "late-error-check.png")
    new_letter = {
        "type": "letter",
        "title": "Notes",
        "slug": "notes",
        "signatory": "Ada Lovelace",
        "signatory_title": "",
        "sign_off": "",
        "body": [
            {
                "image": {
                    "file": "images/late-error-check.png",
                    "alt_text": "A red rectangle",
                    "caption": "",
                }
            }
        ],
    }
    new_update = {
        "type": "project_update",
        "title": "Engine",
        "slug": "engine",
        "project": "engine",
        "body": [],
    }
    data["sections"].insert(0, new_letter)
    find_section(data["sections"], "project-updates")["sections"].append(new_update)
    last = data["sections"][-1]["sections"][-1]
    last["body"].append({"link_list": {"title": "", "links": [{"label": "x", "url": "nowhere"}]}})
    path = write_source(tmp_path, data)
    before = db_snapshot()

    with pytest.raises(SourceError) as raised:
        load_edition(path)

    message = str(raised.value)
    assert "sections[9] “Event Highlights” › sections[4] “OpenStack Days" in message
    assert "body[1] › links[0]: field 'url'" in message
    assert db_snapshot() == before
    assert not AnnualReportPage.objects.filter(year=YEAR).exists()
    assert not Person.objects.filter(name="Ada Lovelace").exists()
    assert not ProjectPage.objects.filter(slug="engine").exists()
    media = settings.MEDIA_ROOT / "original_images"
    assert not list(media.glob("late-error-check*"))


def test_a_late_mistake_in_an_update_of_the_2020_edition_keeps_it_as_it_was(tmp_path):
    text = EDITION_2020.read_text(encoding="utf-8")
    text = replace_once(text, "<p>Let’s cheer on the new year", "<p>Cheers to the new year")
    text = replace_once(text, "    status: pilot\n", "    status: confirmed\n")
    text += (  # a last block for the last section
        "          - link_list:\n"
        "              links:\n"
        "                - label: Broken\n"
        "                  url: nowhere\n"
    )
    path = write_source(tmp_path, text)
    before = db_snapshot()

    with pytest.raises(SourceError) as raised:
        load_edition(path)

    message = str(raised.value)
    assert "sections[8] “Event Highlights” › sections[4] “OpenStack Days" in message
    assert "body[1] › links[0]: field 'url'" in message
    assert db_snapshot() == before
    assert ProjectPage.objects.get(slug="openinfra-labs").status == "pilot"
    exported = export_edition(2020, tmp_path / "exported" / "2020.yaml")
    assert exported.read_bytes() == EDITION_2020.read_bytes()


# Images


def image_source(tmp_path, with_file=True):
    """A copy of the source whose Chairman's Note ends with an image: (path, png bytes)."""
    data = source_data()
    find_section(data["sections"], "chairmans-note")["body"].append(
        {"image": {"file": "images/x.png", "alt_text": "A red rectangle", "caption": "Our logo"}}
    )
    png = write_png(tmp_path / "images" / "x.png").read_bytes() if with_file else None
    return write_source(tmp_path, data), png


def test_an_image_block_loads_into_a_wagtail_image_and_exports_with_its_file(tmp_path):
    path, png = image_source(tmp_path)
    images_before = get_image_model().objects.count()

    load_edition(path)

    assert get_image_model().objects.count() == images_before + 1
    letter = LetterPage.objects.child_of(AnnualReportPage.objects.get(year=YEAR)).get(
        slug="chairmans-note"
    )
    block = letter.body[-1]
    assert block.block_type == "image"
    assert (block.value["alt_text"], block.value["caption"]) == ("A red rectangle", "Our logo")
    image = block.value["image"]
    assert (image.title, image.width, image.height) == ("x.png", 4, 3)
    with image.file.open("rb") as stored:
        assert stored.read() == png

    exported = export_edition(YEAR, tmp_path / "exported" / "edition.yaml")

    assert exported.read_bytes() == path.read_bytes()
    assert (exported.parent / "images" / "x.png").read_bytes() == png
    before = db_snapshot()
    assert not load_edition(path).changed
    assert db_snapshot() == before


def test_a_missing_image_file_is_named_in_the_error(tmp_path):
    path, _png = image_source(tmp_path, with_file=False)
    before = db_snapshot()

    with pytest.raises(SourceError) as raised:
        load_edition(path)

    message = str(raised.value)
    assert message.startswith(str(path))
    assert "sections[0] “Chairman’s Note” › body" in message
    assert "field 'file'" in message
    assert "'images/x.png': no such file" in message
    assert db_snapshot() == before


# Factories


def test_an_edition_built_with_the_factories_exports_to_a_source_that_loads_unchanged(
    tmp_path,
):
    edition = AnnualReportPageFactory()
    LetterPageFactory(parent=edition, sign_off="With all success,")
    chapter = ChapterPageFactory(parent=edition, body=[])
    ProjectUpdatePageFactory(parent=chapter)
    WorkingGroupUpdatePageFactory(parent=chapter)
    EventPageFactory(
        parent=chapter,
        start_date=datetime.date(2031, 5, 4),
        end_date=datetime.date(2031, 5, 6),
        format="hybrid",
        figures=[("figure", {"value": "1,000", "label": "attendees"})],
        body=[("heading", {"text": "Keynotes", "level": "3"})],
    )
    GeneralSectionPageFactory(parent=GeneralSectionPageFactory(parent=edition))
    path = export_edition(edition.year, tmp_path / "edition.yaml")
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [s["type"] for s in source["sections"]] == ["letter", "chapter", "section"]
    assert [s["type"] for s in source["sections"][1]["sections"]] == [
        "project_update",
        "working_group_update",
        "event",
    ]
    before = db_snapshot()

    report = load_edition(path)

    assert not report.changed, report.updated
    assert db_snapshot() == before
