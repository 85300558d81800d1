"""What happens when a page's review is approved."""

from django.contrib import messages
from wagtail.workflows import publish_workflow_state

from base.requests import current_request


def finish_review(workflow_state, user=None):
    """Approved sections of an edition wait for the edition to be published as a whole, and the
    approver is told so; anything else is published at once, as Wagtail does by default."""
    # Wagtail imports this hook (a setting) while its own models load: the page models are
    # not importable yet at module level.
    from reports.models import AnnualReportPage, approval_note

    page = workflow_state.content_object
    note = approval_note(page)
    in_edition = isinstance(page.specific, AnnualReportPage) or (
        AnnualReportPage.objects.ancestor_of(page).exists()
    )
    if not in_edition:
        publish_workflow_state(workflow_state, user=user)
    request = current_request()
    if note and request is not None and hasattr(request, "_messages"):
        messages.success(request, note)
