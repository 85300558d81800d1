"""A malformed edition source is refused whole, with a message naming the file, line, place
and field; the database is left exactly as it was, even when the mistake is found late."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from projects.models import ProjectPage
from reports.models import AnnualReportPage, Person
from reports.sources.export import export_edition
from reports.sources.load import load_edition
from reports.sources.yaml_io import SourceError
from tests.reports.helpers import (
    EDITION_2020,
    YEAR,
    db_snapshot,
    find_section,
    line_of,
    replace_once,
    source_data,
    source_text,
    write_png,
    write_source,
)
from tests.reports.source_mistakes import MISTAKES

pytestmark = pytest.mark.django_db


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
