"""Making a freshly copied edition publishable: its untouched sections carried over on purpose
and its description rewritten, as a Publisher would before the first publication."""

from reports.carry_over import is_unchanged, mark_carried_over
from reports.models import SectionOrigin


def make_publishable(edition, user=None):
    """The copied `edition`, with every section still as copied carried over (sections someone
    updated are left as they are) and its own texts no longer naming the previous year;
    returns it."""
    origins = SectionOrigin.objects.filter(page__path__startswith=edition.path).exclude(
        page_id=edition.pk
    )
    for origin in origins.select_related("page"):
        version = origin.page.specific.get_latest_revision_as_object()
        if not origin.carried_over and is_unchanged(version, origin):
            mark_carried_over(origin.page, user)
    version = edition.get_latest_revision_as_object()
    version.summary = f"What the foundation did in {edition.year}."
    version.save_revision(user=user)
    edition.refresh_from_db()
    return edition
