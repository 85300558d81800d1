"""Background tasks (django_tasks): immediate in development and tests, run by
`manage.py db_worker` in production."""

from django_tasks import task

from reports.assignments.digest import send_digests
from reports.assignments.reminders import send_reminders
from reports.pdf.build import build_edition_pdf


@task()
def build_edition_pdf_task(edition_id: int) -> dict:
    """Bring the edition's PDF up to date with its live pages. Runs after the publication
    commits; several runs for one publication cost one build, the rest see it is done."""
    result = build_edition_pdf(edition_id)
    pdf = result.pdf
    return {
        "status": result.status,
        "size": pdf.size if pdf else None,
        "sha256": pdf.sha256 if pdf else None,
    }


@task()
def send_production_emails_task() -> dict:
    """Today's reminders and digests, if not sent yet: safe to enqueue as often as wanted."""
    return {"reminders": send_reminders(), "digests": send_digests()}
