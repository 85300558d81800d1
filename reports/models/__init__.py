"""Editions of the annual report and their sections, one module per page family."""

from .editions import AnnualReportIndexPage, AnnualReportPage
from .people import Person
from .sections import (
    ChapterPage,
    EditionSectionPage,
    EventPage,
    GeneralSectionPage,
    LetterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "ChapterPage",
    "EditionSectionPage",
    "EventPage",
    "GeneralSectionPage",
    "LetterPage",
    "Person",
    "ProjectUpdatePage",
    "WorkingGroupUpdatePage",
]
