"""The production board: every section of an edition with its assignee, due date, lateness
and open comments; and the same facts for one contributor's own sections."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Comment, Page

from reports.models import AnnualReportPage, SectionAssignment
from reports.publishing import STATE_LABELS, edition_states, newest_workflow_states, page_state

NOT_STARTED = "not_started"
LABELS = {NOT_STARTED: "Not started", **STATE_LABELS}
# Once submitted, a section is in staff's hands: no reminder, no lateness.
SUBMITTED = {"in_review", "approved", "live", "live_with_changes"}


@dataclass
class BoardRow:
    page: Page
    version: Page
    state: str
    assignment: SectionAssignment | None
    open_comments: int
    today: datetime.date
    last_editor: object = None
    last_edited_at: object = None
    level: int = 0
    problems: tuple = ()
    origin: object = None  # the SectionOrigin of a copied section (reports.carry_over)

    @property
    def label(self):
        return LABELS[self.state]

    @property
    def due_date(self):
        return self.assignment.due_date if self.assignment else None

    @property
    def days_late(self):
        if self.due_date is None or self.state in SUBMITTED:
            return 0
        return max(0, (self.today - self.due_date).days)

    @property
    def assignee(self):
        return self.assignment.assignee_label() if self.assignment else ""


def section_state(page, workflow_state, assignment):
    """The page's review state, or "not started" while nobody has saved it since it was
    assigned."""
    state = page_state(page, workflow_state)
    if (
        state == "draft"
        and assignment is not None
        and (
            page.latest_revision_created_at is None
            or page.latest_revision_created_at <= assignment.assigned_at
        )
    ):
        return NOT_STARTED
    return state


def assignments_of(pages):
    return {
        a.page_id: a
        for a in SectionAssignment.objects.filter(page__in=pages)
        .select_related("group")
        .prefetch_related("people")
    }


def open_comment_counts(pages):
    return Counter(
        Comment.objects.filter(page__in=pages, resolved_at__isnull=True).values_list(
            "page_id", flat=True
        )
    )


def board_rows(edition, today=None):
    """Every page of the edition, in reading order, as a board row."""
    today = today or timezone.localdate()
    states = edition_states(edition)
    pages = [s.page for s in states]
    assignments = assignments_of(pages)
    comments = open_comment_counts(pages)
    workflow = newest_workflow_states(pages)
    rows = []
    for state in states:
        page = state.page
        assignment = assignments.get(page.pk)
        rows.append(
            BoardRow(
                page=page,
                version=state.version,
                state=section_state(page, workflow.get(page.pk), assignment),
                assignment=assignment,
                open_comments=comments[page.pk],
                today=today,
                last_editor=state.last_editor,
                last_edited_at=state.last_edited_at,
                level=page.depth - edition.depth,
            )
        )
    return rows


def assignee_choices(rows):
    """[(value, label)] of every group and person the board's rows are assigned to."""
    choices = {}
    for row in rows:
        if row.assignment is None:
            continue
        if row.assignment.group_id:
            choices[f"group:{row.assignment.group_id}"] = row.assignment.group.name
        for person in row.assignment.people.all():
            choices[f"user:{person.pk}"] = person.get_full_name() or person.get_username()
    return [("none", "Nobody"), *sorted(choices.items(), key=lambda item: item[1].lower())]


def _matches_assignee(row, assignee):
    if assignee == "none":
        return row.assignment is None
    kind, _, pk = assignee.partition(":")
    if row.assignment is None or not pk.isdigit():
        return False
    if kind == "group":
        return row.assignment.group_id == int(pk)
    return any(p.pk == int(pk) for p in row.assignment.people.all())


def filter_rows(rows, state="", assignee=""):
    """The rows in the state and of the assignee asked for, overdue ones first (latest
    first), then the others in reading order."""
    if state:
        rows = [r for r in rows if r.state == state]
    if assignee:
        rows = [r for r in rows if _matches_assignee(r, assignee)]
    late = sorted((r for r in rows if r.days_late), key=lambda r: -r.days_late)
    return late + [r for r in rows if not r.days_late]


def sections_for(user, today=None):
    """The sections assigned to `user` (by name or through a group), confirmed, that they
    may edit: newest edition first, then by due date."""
    today = today or timezone.localdate()
    assignments = list(
        SectionAssignment.objects.filter(confirmed=True)
        .filter(Q(people=user) | Q(group__in=user.groups.all()))
        .distinct()
        .select_related("group")
        .prefetch_related("people")
    )
    pages = list(Page.objects.filter(pk__in=[a.page_id for a in assignments]).specific())
    pages = [p for p in pages if p.permissions_for_user(user).can_edit()]
    by_page = {a.page_id: a for a in assignments}
    workflow = newest_workflow_states(pages)
    depth = AnnualReportPage.objects.values_list("depth", flat=True).first() or 0
    length = depth * Page.steplen
    prefixes = {p.path[:length] for p in pages}
    editions = {e.path: e for e in AnnualReportPage.objects.filter(path__in=prefixes)}
    rows = []
    for page in pages:
        assignment = by_page[page.pk]
        row = BoardRow(
            page=page,
            version=page,
            state=section_state(page, workflow.get(page.pk), assignment),
            assignment=assignment,
            open_comments=0,
            today=today,
        )
        row.edition = editions.get(page.path[:length])
        rows.append(row)
    far = datetime.date.max
    rows.sort(key=lambda r: (-(r.edition.year if r.edition else 0), r.due_date or far))
    return rows
