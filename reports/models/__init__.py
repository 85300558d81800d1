"""Editions of the annual report and their sections, one module per page family."""

from .assignments import DigestLog, ProductionEmailSettings, ReminderLog, SectionAssignment
from .editions import AnnualReportIndexPage, AnnualReportPage, approval_note
from .origins import SectionOrigin
from .pdf import EditionPDF
from .people import Person
from .releases import EditionRelease, ReviewLink
from .sections import (
    ChapterPage,
    EditionSectionPage,
    EventPage,
    GeneralSectionPage,
    LetterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)
from .translations import TranslationCredit

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "ChapterPage",
    "DigestLog",
    "EditionPDF",
    "EditionRelease",
    "EditionSectionPage",
    "EventPage",
    "GeneralSectionPage",
    "LetterPage",
    "Person",
    "ProductionEmailSettings",
    "ProjectUpdatePage",
    "ReminderLog",
    "ReviewLink",
    "SectionAssignment",
    "SectionOrigin",
    "TranslationCredit",
    "WorkingGroupUpdatePage",
    "approval_note",
]
