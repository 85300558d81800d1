"""What happens when a page's review is approved."""

from wagtail.workflows import publish_workflow_state


def finish_review(workflow_state, user=None):
    """Approved sections of an edition wait for the edition to be published as a whole;
    anything else is published at once, as Wagtail does by default."""
    # Wagtail imports this hook (a setting) while its own models load: the page models are
    # not importable yet at module level.
    from reports.models import AnnualReportPage

    page = workflow_state.content_object
    in_edition = isinstance(page.specific, AnnualReportPage) or (
        AnnualReportPage.objects.ancestor_of(page).exists()
    )
    if not in_edition:
        publish_workflow_state(workflow_state, user=user)
