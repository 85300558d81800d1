"""Write an edition back as a source file, in the canonical layout the loader reads."""

import shutil
from pathlib import Path

from wagtail.models import Locale

from projects.models import ProjectPage
from reports.models import (
    AnnualReportPage,
    ChapterPage,
    EventPage,
    GeneralSectionPage,
    LetterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)

from .blocks import image_file_name, stream_to_body
from .richtext import check_source
from .yaml_io import dump_source

SOURCE_TYPES = {
    LetterPage: "letter",
    ChapterPage: "chapter",
    ProjectUpdatePage: "project_update",
    WorkingGroupUpdatePage: "working_group_update",
    EventPage: "event",
    GeneralSectionPage: "section",
}


class ExportError(Exception):
    """The edition holds something the loader would refuse: nothing is written."""


def _refuse(place, _field, problem):
    raise ExportError(f"{place}: {problem}")


class _Images:
    """Collects the images a body uses, under the names they are exported as."""

    def __init__(self):
        self.files = {}

    def __call__(self, image):
        name = f"images/{image_file_name(image)}"
        self.files[name] = image
        return name


def edition_to_dict(edition, images=None):
    return {
        "year": edition.year,
        "title": edition.title,
        "summary": edition.summary,
        "intro": stream_to_body(edition.intro, images or _Images()),
    }


def profile_to_dict(page):
    data = {
        "slug": page.slug,
        "name": page.title,
        "summary": page.summary,
        "website": page.website,
    }
    if isinstance(page, ProjectPage):
        data.update(
            repository=page.repository,
            licence=page.licence,
            status=page.status,
            get_involved=[{"label": c.label, "url": c.url} for c in page.channels.all()],
        )
    return data


def person_to_dict(person):
    return {"name": person.name, "role": person.role, "organisation": person.organisation}


def section_to_dict(page, *, children=True, images=None, tree=None):
    """One section in source form; `tree` maps a page id to its child pages, in order."""
    images = images or _Images()
    kind = SOURCE_TYPES[type(page)]
    data = {"type": kind, "title": page.title, "slug": page.slug}
    if kind == "letter":
        data.update(
            signatory=page.signatory.name,
            signatory_title=page.signatory_title,
            sign_off=page.sign_off,
        )
    elif kind == "project_update":
        data["project"] = page.project.slug
    elif kind == "working_group_update":
        data["working_group"] = page.working_group.slug
    elif kind == "event":
        data.update(
            start_date=page.start_date,
            end_date=page.end_date,
            format=page.format,
            location=page.location,
            figures=[dict(child.block.get_prep_value(child.value)) for child in page.figures],
        )
    data["body"] = stream_to_body(page.body, images)
    if kind in {"chapter", "section"} and children:
        data["sections"] = [
            section_to_dict(child, images=images, tree=tree) for child in tree[page.pk]
        ]
    return data


def export_edition(year, path, locale=None):
    """Write edition `year` (latest revisions, drafts included) to `path`, with its images;
    `locale`: a translation's pages instead of the source's (reports/sources/translations.py)."""
    edition = AnnualReportPage.objects.get(year=year, locale=locale or Locale.get_default())
    edition = edition.get_latest_revision_as_object()
    pages = [
        page.get_latest_revision_as_object()
        for page in edition.get_descendants().order_by("path").specific()
    ]
    tree = {edition.pk: []}
    by_path = {edition.path: edition.pk}
    for page in pages:
        tree.setdefault(page.pk, [])
        tree[by_path[page.path[: -AnnualReportPage.steplen]]].append(page)
        by_path[page.path] = page.pk

    images = _Images()
    sections = [section_to_dict(page, images=images, tree=tree) for page in tree[edition.pk]]
    people, projects, groups = {}, {}, {}
    for page in pages:
        if isinstance(page, LetterPage):
            people.setdefault(page.signatory.name, person_to_dict(page.signatory))
        elif isinstance(page, ProjectUpdatePage):
            project = page.project.get_latest_revision_as_object()
            projects.setdefault(project.slug, profile_to_dict(project))
        elif isinstance(page, WorkingGroupUpdatePage):
            group = page.working_group.get_latest_revision_as_object()
            groups.setdefault(group.slug, profile_to_dict(group))

    source = {
        "format": 1,
        "edition": edition_to_dict(edition, images),
        "people": list(people.values()),
        "projects": list(projects.values()),
        "working_groups": list(groups.values()),
        "sections": sections,
    }
    check_source(source, _refuse)  # never write what load_edition would refuse
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_source(source), encoding="utf-8")
    for name, image in images.files.items():
        target = path.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with image.file.open("rb") as source_file, target.open("wb") as out:
            shutil.copyfileobj(source_file, out)
    return path
