"""Load an edition source into pages, profiles and snippets, in one transaction.

The database ends up matching the file: pages are created or updated (a new revision,
published, only where something differs), sections missing from the file are removed
from the edition, and a file with any error changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from wagtail.models import Locale

from projects.models import (
    ProjectChannel,
    ProjectIndexPage,
    ProjectPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from reports.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    EventPage,
    LetterPage,
    Person,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)

from .blocks import body_to_stream_data, clean_body, first_block_error, guess_is_image, import_image
from .export import SOURCE_TYPES, edition_to_dict, profile_to_dict, section_to_dict
from .richtext import check_body
from .schema import line_of_place, normalise
from .yaml_io import SourceError, read_source

SECTION_MODELS = {kind: model for model, kind in SOURCE_TYPES.items()}


@dataclass
class LoadReport:
    year: int
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    deleted: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)

    def __str__(self):
        if not self.changed:
            return f"Edition {self.year}: already up to date, nothing changed."
        return (
            f"Edition {self.year}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.deleted)} removed."
        )


@dataclass
class Parents:
    """Where an edition and its profiles go: the index pages the site was set up with
    (`manage.py setup_site`, which `load_edition` runs first)."""

    editions: AnnualReportIndexPage
    projects: ProjectIndexPage
    working_groups: WorkingGroupIndexPage

    @classmethod
    def find(cls):
        pages = {
            name: model.objects.filter(locale=Locale.get_default()).first()
            for name, model in (
                ("editions", AnnualReportIndexPage),
                ("projects", ProjectIndexPage),
                ("working_groups", WorkingGroupIndexPage),
            )
        }
        missing = [name for name, page in pages.items() if page is None]
        if missing:
            raise LookupError(
                f"The site has no {', '.join(missing)} index page: run manage.py setup_site."
            )
        return cls(**pages)


def load_edition(path, *, skip_existing=False):
    """Load the source at `path`; returns a LoadReport or raises SourceError."""
    path = Path(path)
    source, lines = normalise(read_source(path), path)
    year = source["edition"]["year"]
    source_editions = AnnualReportPage.objects.filter(locale=Locale.get_default())
    if skip_existing and source_editions.filter(year=year).exists():
        return LoadReport(year)
    loader = _Loader(path, source, lines)
    try:
        with transaction.atomic():
            loader.run()
    except BaseException:
        for name in loader.created_files:
            default_storage.delete(name)
        raise
    return loader.report


class _Loader:
    def __init__(self, path, source, lines):
        self.path, self.source, self.lines = path, source, lines
        self.report = LoadReport(source["edition"]["year"])
        self.created_files = []
        self.images = {}

    def fail(self, place, field, problem):
        raise SourceError(self.path, line_of_place(self.lines, place), place, field, problem)

    def run(self):
        site = Parents.find()
        self.people = {p["name"]: self.sync_person(p) for p in self.source["people"]}
        self.projects = {
            p["slug"]: self.sync_profile(ProjectPage, site.projects, p)
            for p in self.source["projects"]
        }
        self.working_groups = {
            w["slug"]: self.sync_profile(WorkingGroupPage, site.working_groups, w)
            for w in self.source["working_groups"]
        }
        edition = self.sync_edition(site.editions)
        self.sync_children(edition, self.source["sections"], "sections")

    # Snippets and profiles

    def sync_person(self, data):
        person, created = Person.objects.get_or_create(
            name=data["name"],
            locale=Locale.get_default(),
            defaults={"role": data["role"], "organisation": data["organisation"]},
        )
        if created:
            self.report.created.append(f"person {person.name}")
        elif (person.role, person.organisation) != (data["role"], data["organisation"]):
            person.role, person.organisation = data["role"], data["organisation"]
            person.save()
            self.report.updated.append(f"person {person.name}")
        return person

    def sync_profile(self, model, index, data):
        page = _latest(model.objects.filter(slug=data["slug"]).child_of(index).first())
        if page is not None and profile_to_dict(page) == data:
            return page
        fields = {
            "title": data["name"],
            "slug": data["slug"],
            "summary": data["summary"],
            "website": data["website"],
        }
        if model is ProjectPage:
            fields.update(
                repository=data["repository"], licence=data["licence"], status=data["status"]
            )
            fields["channels"] = [
                ProjectChannel(label=c["label"], url=c["url"]) for c in data["get_involved"]
            ]
        return self.save_page(page, model, index, fields, f"{model.__name__} {data['slug']}")

    # The edition and its sections

    def sync_edition(self, index):
        data = self.source["edition"]
        edition = _latest(
            AnnualReportPage.objects.filter(year=data["year"], locale=Locale.get_default()).first()
        )
        if edition is not None and edition_to_dict(edition) == data:
            return edition
        fields = {
            "year": data["year"],
            "title": data["title"],
            "slug": str(data["year"]),
            "summary": data["summary"],
            "intro": self.stream(data["intro"], "edition › intro"),
        }
        return self.save_page(edition, AnnualReportPage, index, fields, f"edition {data['year']}")

    def sync_children(self, parent, sections, place):
        existing = {page.slug: page for page in parent.get_children().specific()}
        wanted = []
        for i, data in enumerate(sections):
            here = f"{place}[{i}] “{data['title']}”"
            model = SECTION_MODELS[data["type"]]
            page = existing.pop(data["slug"], None)
            if page is not None and type(page) is not model:
                self.delete(page)
                page = None
            page = self.sync_section(parent, page, model, data, here)
            self.sync_children(page, data.get("sections", []), f"{here} › sections")
            wanted.append(page)
        for page in existing.values():
            self.delete(page)
        current = [p.pk for p in parent.get_children()]
        if current != [p.pk for p in wanted]:
            for page in wanted:
                page.refresh_from_db()
                page.move(parent, pos="last-child")
            self.report.updated.append(f"order of {place}")

    def sync_section(self, parent, page, model, data, place):
        page = _latest(page)
        if page is not None and section_to_dict(page, children=False) == _without_children(data):
            return page
        fields = {"title": data["title"], "slug": data["slug"]}
        fields["body"] = self.stream(data["body"], f"{place} › body")
        if model is LetterPage:
            fields.update(
                signatory=self.people[data["signatory"]],
                signatory_title=data["signatory_title"],
                sign_off=data["sign_off"],
            )
        elif model is ProjectUpdatePage:
            fields["project"] = self.projects[data["project"]]
        elif model is WorkingGroupUpdatePage:
            fields["working_group"] = self.working_groups[data["working_group"]]
        elif model is EventPage:
            fields.update(
                start_date=data["start_date"],
                end_date=data["end_date"],
                format=data["format"],
                location=data["location"],
                figures=[{"type": "figure", "value": f} for f in data["figures"]],
            )
        return self.save_page(page, model, parent, fields, place)

    # Helpers

    def stream(self, blocks, place):
        check_body(blocks, place, self.fail)  # only what the page editor can write
        for block in blocks:
            if "image" in block:
                self.image(block["image"]["file"], place)
        data = body_to_stream_data(blocks, self.images)
        try:
            return clean_body(data)
        except ValidationError as error:
            self.fail(*first_block_error(error, place))

    def image(self, name, place):
        if name not in self.images:
            file_path = (self.path.parent / name).resolve()
            if not file_path.is_file():
                self.fail(place, "file", f"{name!r}: no such file next to {self.path.name}")
            if not guess_is_image(file_path):
                self.fail(place, "file", f"{name!r} is not an image file")
            self.images[name] = import_image(file_path, self.created_files)
        return self.images[name]

    def save_page(self, page, model, parent, fields, label):
        creating = page is None
        if creating:
            page = model()
        for name, value in fields.items():
            setattr(page, name, value)
        try:
            if creating:
                parent.add_child(instance=page)
            else:
                page.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"{name}: {', '.join(messages)}" for name, messages in error.message_dict.items()
            )
            self.fail(label, None, problems)
        self.publish(page, label)
        (self.report.created if creating else self.report.updated).append(label)
        return page

    def publish(self, page, label):
        page.save_revision(log_action=False).publish(log_action=False)

    def delete(self, page):
        self.report.deleted.append(page.title)
        page.delete()


def _latest(page):
    """The page as its editors last left it (drafts included), or None."""
    return page.get_latest_revision_as_object() if page is not None else None


def _without_children(data):
    return {k: v for k, v in data.items() if k != "sections"}
