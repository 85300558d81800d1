"""Edition sources round trip: export gives back the source byte for byte, loading it again
changes nothing, and an edition built in the admin (the factories) exports to a source that
loads unchanged.

Copies of content/editions/2020.yaml are loaded as the 2090 edition, so the 2020 edition the
session database holds is never disturbed (each test is rolled back anyway).
"""

import datetime
import io

import pytest
import yaml
from django.core.management import CommandError, call_command

from reports.sources.export import export_edition
from reports.sources.load import load_edition
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
    YEAR,
    assert_exports_as,
    db_snapshot,
    section_count,
    source_data,
    source_text,
    write_source,
)

pytestmark = pytest.mark.django_db


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
