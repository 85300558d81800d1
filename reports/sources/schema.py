"""The shape of an edition source, as pydantic models: checked before anything touches the
database, and published as a JSON Schema (`manage.py edition_schema`) for editors.

`normalise` turns a parsed file into the canonical form (every key present, in export
order, defaults filled in), so "unchanged" is a plain comparison with what export writes.
"""

from typing import Literal

from pydantic import ConfigDict, ValidationError

from .body_schema import Body, Figure, Link
from .fields import (
    Date,
    Filled,
    Mapping,
    Text,
    field_error,
    list_of,
    one_of,
    tagged,
    whole_number,
)
from .places import check_references, line_of_place, place_lines, source_error

__all__ = ["Source", "line_of_place", "normalise"]

FormatVersion = whole_number(1, 1)
Year = whole_number(2000, 2100)
ProjectStatus = one_of("pilot", "confirmed", "top-level", "supported-collaboration")
EventFormat = one_of("virtual", "in-person", "hybrid")


def sections_of(name, *models):
    """A list of sections whose `type` names one of `models`."""
    kinds = {model.model_fields["type"].annotation.__args__[0]: model for model in models}

    def check(item):
        if not isinstance(item, dict):
            raise field_error("section", "a section is a mapping with type, title, slug and body")
        if item.get("type") not in kinds:
            raise field_error(
                "section_type",
                "{kind} is not one of: {kinds}",
                "type",
                kind=repr(item.get("type")),
                kinds=", ".join(kinds),
            )
        return item

    item = tagged(
        name, kinds, lambda value: value["type"] if isinstance(value, dict) else value.type, check
    )
    return list_of(item, "must be a list of sections")


class Letter(Mapping):
    """A letter signed by one of `people`: the Chairman’s Note."""

    type: Literal["letter"]
    title: Filled
    slug: Filled
    signatory: Filled
    """The name of one of `people`."""
    signatory_title: Text = ""
    """Replaces "role, organisation" under the name."""
    sign_off: Text = ""
    """For example: With all success,"""
    body: Body = []


class ProjectUpdate(Mapping):
    """A project's year, shown on the project's profile too."""

    type: Literal["project_update"]
    title: Filled
    slug: Filled
    project: Filled
    """The slug of one of `projects`."""
    body: Body = []


class WorkingGroupUpdate(Mapping):
    """A working group's year, shown on the group's profile too."""

    type: Literal["working_group_update"]
    title: Filled
    slug: Filled
    working_group: Filled
    """The slug of one of `working_groups`."""
    body: Body = []


class Event(Mapping):
    type: Literal["event"]
    title: Filled
    slug: Filled
    start_date: Date = None
    end_date: Date = None
    format: EventFormat = "virtual"
    location: Text = ""
    figures: list_of(Figure) = []
    body: Body = []


class Section(Mapping):
    """A general section; it may hold subsections."""

    type: Literal["section"]
    title: Filled
    slug: Filled
    body: Body = []
    sections: "Subsections" = []


Subsections = sections_of("Subsection", Section)
Section.model_rebuild()


InChapter = sections_of(
    "SectionInChapter", Letter, ProjectUpdate, WorkingGroupUpdate, Event, Section
)


class Chapter(Mapping):
    """Groups sections (any but chapters); its body is the chapter's introduction."""

    type: Literal["chapter"]
    title: Filled
    slug: Filled
    body: Body = []
    sections: InChapter = []


Sections = sections_of(
    "AnySection", Letter, Chapter, ProjectUpdate, WorkingGroupUpdate, Event, Section
)


class Edition(Mapping):
    year: Year
    """Unique; also the URL: /annual-reports/2020/."""
    title: Filled
    summary: Text = ""
    """One or two plain sentences, used in the archive, cards and search results."""
    intro: Body = []
    """Blocks shown above the table of contents."""


class Person(Mapping):
    name: Filled
    role: Text = ""
    organisation: Text = ""


class Project(Mapping):
    """A project profile, at /projects/<slug>/."""

    slug: Filled
    name: Filled
    summary: Text = ""
    website: Text = ""
    repository: Text = ""
    licence: Text = ""
    status: ProjectStatus = "pilot"
    get_involved: list_of(Link) = []
    """The "get involved" channels, in order."""


class WorkingGroup(Mapping):
    """A working-group profile, at /working-groups/<slug>/."""

    slug: Filled
    name: Filled
    summary: Text = ""
    website: Text = ""


class Source(Mapping):
    """An edition of the OpenInfra Foundation annual report (content/editions/<year>.yaml)."""

    model_config = ConfigDict(title="Edition source")

    format: FormatVersion
    """The version of this format."""
    edition: Edition
    people: list_of(Person) = []
    """Person snippets: the signatories of letters."""
    projects: list_of(Project) = []
    working_groups: list_of(WorkingGroup) = []
    sections: Sections = []
    """The report, in reading order; slugs are unique among siblings."""


def normalise(data, path):
    """Check the whole source; return it in canonical form and the line of each place."""
    try:
        source = Source.model_validate(data).model_dump()
    except ValidationError as error:
        raise source_error(error, data, path) from None
    check_references(source, data, path)
    return source, place_lines(data)
