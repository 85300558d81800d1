"""Factories for editions, their sections and the people who sign letters.

Section pages default to a child of a new edition (`parent=` another edition or a chapter);
`body` takes raw stream data, e.g. [("text", RichText("<p>…</p>")),
("heading", {"text": "Ussuri", "level": "3"})].
"""

import factory
from django.db.models import Max
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.rich_text import RichText

from reports.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    ChapterPage,
    EventPage,
    GeneralSectionPage,
    LetterPage,
    Person,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)
from tests.projects.factories import (
    ProjectPageFactory,
    PublishedPageFactory,
    WorkingGroupPageFactory,
)


def paragraph(text="A paragraph of the report."):
    """A body of one rich-text paragraph."""
    return [("text", RichText(f"<p>{text}</p>"))]


def next_free_year():
    """2030 or the year after the newest edition: factory sequences are not reset per test."""
    newest = AnnualReportPage.objects.aggregate(newest=Max("year"))["newest"] or 0
    return max(2030, newest + 1)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Executive Director"
    organisation = "OpenInfra Foundation"


class AnnualReportPageFactory(PublishedPageFactory):
    class Meta:
        model = AnnualReportPage

    parent = factory.LazyFunction(AnnualReportIndexPage.objects.get)
    year = factory.LazyFunction(next_free_year)
    title = factory.LazyAttribute(lambda page: f"{page.year} Annual Report")
    slug = factory.LazyAttribute(lambda page: str(page.year))
    summary = factory.LazyAttribute(lambda page: f"What the foundation did in {page.year}.")
    intro = factory.LazyFunction(list)


class SectionPageFactory(PublishedPageFactory):
    class Meta:
        abstract = True

    parent = factory.SubFactory(AnnualReportPageFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    body = factory.LazyFunction(paragraph)


class ChapterPageFactory(SectionPageFactory):
    class Meta:
        model = ChapterPage

    title = factory.Sequence(lambda n: f"Chapter {n}")


class LetterPageFactory(SectionPageFactory):
    class Meta:
        model = LetterPage

    title = factory.Sequence(lambda n: f"Letter {n}")
    signatory = factory.SubFactory(PersonFactory)
    signatory_title = ""
    sign_off = ""


class ProjectUpdatePageFactory(SectionPageFactory):
    class Meta:
        model = ProjectUpdatePage

    project = factory.SubFactory(ProjectPageFactory)
    title = factory.LazyAttribute(lambda page: f"{page.project.title} Project Update")


class WorkingGroupUpdatePageFactory(SectionPageFactory):
    class Meta:
        model = WorkingGroupUpdatePage

    working_group = factory.SubFactory(WorkingGroupPageFactory)
    title = factory.LazyAttribute(lambda page: f"{page.working_group.title} Update")


class EventPageFactory(SectionPageFactory):
    """`figures` takes raw stream data: [("figure", {"value": "10,000", "label": "attendees"})]."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    format = EventPage.Format.VIRTUAL
    start_date = None
    end_date = None
    location = ""
    figures = factory.LazyFunction(list)


class GeneralSectionPageFactory(SectionPageFactory):
    class Meta:
        model = GeneralSectionPage
