"""The edition as the unit of work: its pages' states, and publishing it all at once.

Wagtail publishes page by page; staff publish a year. Everything here acts on the latest
revision of every page of an edition together, inside one transaction.
"""

import time
from dataclasses import dataclass, field

import structlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, Revision, WorkflowState

from .checks import check_edition
from .edition_plan import PUBLISH, UNPUBLISH, edition_plan
from .metrics import EDITIONS_PUBLISHED, RELEASES_FAILED
from .models import AnnualReportPage, EditionRelease
from .models.editions import edition_pages, latest_versions

logger = structlog.get_logger("reports.publishing")


@dataclass
class SectionState:
    page: Page
    version: Page
    state: str
    label: str
    last_editor: object = None
    last_edited_at: object = None
    problems: list = field(default_factory=list)


STATE_LABELS = {
    "draft": "Draft",
    "in_review": "In review",
    "changes_requested": "Changes requested",
    "approved": "Approved",
    "live": "Live",
    "live_with_changes": "Live with unpublished changes",
}


def newest_workflow_states(pages):
    """{page id: its newest workflow state}."""
    page_type = ContentType.objects.get_for_model(Page)
    states = (
        WorkflowState.objects.filter(
            base_content_type=page_type, object_id__in=[str(p.pk) for p in pages]
        )
        .select_related("current_task_state")
        .order_by("created_at")
    )
    return {int(state.object_id): state for state in states}  # newest wins


def page_state(page, workflow_state):
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "in_review"
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "changes_requested"
    pending = not page.live or page.has_unpublished_changes
    if (
        pending
        and workflow_state
        and workflow_state.status == WorkflowState.STATUS_APPROVED
        and workflow_state.current_task_state
        and workflow_state.current_task_state.revision_id == page.latest_revision_id
    ):
        return "approved"
    if page.live:
        return "live_with_changes" if page.has_unpublished_changes else "live"
    return "draft"


def edition_states(edition):
    """Every page of the edition with its state, last editor and time, in reading order."""
    pages = edition_pages(edition)
    versions = latest_versions(pages)
    workflow = newest_workflow_states(pages)
    revisions = Revision.objects.select_related("user").in_bulk(
        [p.latest_revision_id for p in pages if p.latest_revision_id]
    )
    result = []
    for page in pages:
        state = page_state(page, workflow.get(page.pk))
        revision = revisions.get(page.latest_revision_id)
        result.append(
            SectionState(
                page=page,
                version=versions[page.pk],
                state=state,
                label=STATE_LABELS[state],
                last_editor=revision.user if revision else None,
                last_edited_at=revision.created_at if revision else page.latest_revision_created_at,
            )
        )
    return result


class EditionNotPublishable(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class EditionChanged(Exception):
    """The edition changed between the confirmation page and the confirmation: nothing done."""


def log_summary(event, edition, pages, user, started):
    """One line per edition-wide action, once it has committed (beside Wagtail's audit log)."""
    fields = {
        "edition_id": edition.pk,
        "edition": str(edition),
        "pages": pages,
        "user_id": user.pk if user else None,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    transaction.on_commit(lambda: logger.info(event, **fields))


@transaction.atomic
def publish_edition(edition, user=None, *, event="edition_published", expected=None):
    """Publish the latest revision of every page of the edition, or nothing at all.

    Returns the pages published. Raises EditionNotPublishable with the blocking problems, and
    EditionChanged when `expected` (a plan's fingerprint) no longer describes the edition."""
    started = time.perf_counter()
    edition = AnnualReportPage.objects.select_for_update().get(pk=edition.pk)
    plan = edition_plan(edition)
    if expected is not None and plan.fingerprint(PUBLISH) != expected:
        raise EditionChanged
    problems = [p for p in check_edition(edition) if p.blocking]
    if problems:
        raise EditionNotPublishable(problems)
    published = []
    for page in plan.to_publish:
        revision = page.get_latest_revision() or page.save_revision(user=user)
        revision.publish(user=user, skip_permission_checks=True)
        published.append(page)
    EditionRelease.objects.filter(edition=edition, released_at__isnull=True).update(
        released_at=timezone.now(), failure=""
    )
    log_summary(event, edition, len(published), user, started)
    transaction.on_commit(EDITIONS_PUBLISHED.inc)
    return published


@transaction.atomic
def unpublish_edition(edition, user=None, *, expected=None):
    """Take the edition and every section offline together; their content stays as drafts.

    Returns the pages taken offline; EditionChanged as for publish_edition."""
    started = time.perf_counter()
    edition = AnnualReportPage.objects.select_for_update().get(pk=edition.pk)
    plan = edition_plan(edition)
    if expected is not None and plan.fingerprint(UNPUBLISH) != expected:
        raise EditionChanged
    for page in reversed(plan.live):
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
    log_summary("edition_unpublished", edition, len(plan.live), user, started)
    return plan.live


def release_due_editions(now=None):
    """Publish every edition whose scheduled release time has come; returns what happened."""
    now = now or timezone.now()
    outcomes = []
    due = EditionRelease.objects.filter(released_at__isnull=True, release_at__lte=now)
    for release in due.select_related("edition", "scheduled_by"):
        try:
            publish_edition(release.edition, user=release.scheduled_by, event="edition_released")
        except EditionNotPublishable as error:
            message = f"Not released: {error}"
            if release.failure != message:
                EditionRelease.objects.filter(pk=release.pk).update(failure=message)
                RELEASES_FAILED.inc()
                logger.warning("edition_release_failed", edition_id=release.edition.pk)
                notify_release_failure(release, message)
            outcomes.append((release.edition, message))
        else:
            outcomes.append((release.edition, "released"))
    return outcomes


def notify_release_failure(release, message):
    recipient = release.scheduled_by.email if release.scheduled_by else None
    if recipient:
        send_mail(
            f"The {release.edition.year} edition was not released",
            f"{message}\n\nFix the problems on the edition dashboard: "
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/editions/{release.edition.pk}/",
            None,
            [recipient],
        )
