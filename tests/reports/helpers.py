"""Helpers for tests of edition sources: copies of the 2020 source and database snapshots."""

from pathlib import Path

import yaml
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from projects.models import ProjectChannel, ProjectPage
from reports.models import AnnualReportPage, Person
from reports.sources.export import export_edition
from reports.sources.yaml_io import dump_source

EDITION_2020 = Path(settings.BASE_DIR) / "content" / "editions" / "2020.yaml"
YEAR = 2090  # the year of the copies of the 2020 source


def db_snapshot():
    """What a failed load must leave untouched: row counts and the state of every page."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "projects": ProjectPage.objects.count(),
        "channels": ProjectChannel.objects.count(),
        "images": get_image_model().objects.count(),
        "page states": set(
            Page.objects.values_list("id", "path", "title", "latest_revision_id", "live")
        ),
    }


def replace_once(text, old, new):
    """`text` with the one occurrence of `old` replaced: an edit that cannot miss silently."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the source"
    return text.replace(old, new)


def line_of(text, needle, after=""):
    """The 1-based line of the one occurrence of `needle` in `text` (the first one after
    the one occurrence of `after`, if given)."""
    start = text.index(after) if after else 0
    if after:
        assert text.count(after) == 1, f"{after!r} occurs {text.count(after)} times"
    else:
        assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle, start)].count("\n") + 1


def source_text(year=YEAR):
    """The 2020 source as text, as the edition of `year` (so it does not touch 2020)."""
    text = EDITION_2020.read_text(encoding="utf-8")
    return replace_once(text, "  year: 2020\n", f"  year: {year}\n")


def source_data(year=YEAR):
    """The 2020 source as plain data, as the edition of `year`, to edit structurally."""
    return yaml.safe_load(source_text(year))


def write_source(directory, content, name="edition.yaml"):
    """Write a source (text, or data in the canonical layout) into `directory`; its path."""
    if not isinstance(content, str):
        content = dump_source(content)
    path = Path(directory) / name
    path.write_text(content, encoding="utf-8")
    return path


def find_section(sections, slug):
    """The section with `slug` anywhere in a source's section tree."""
    stack = list(sections)
    while stack:
        section = stack.pop(0)
        if section["slug"] == slug:
            return section
        stack.extend(section.get("sections", []))
    raise LookupError(slug)


def write_png(path, colour=(200, 30, 30), size=(4, 3)):
    """A small PNG image at `path` (its folders created); returns the path."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


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
