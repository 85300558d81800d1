"""A section's counterpart in the previous edition, for "Compare with last year"."""

from wagtail.fields import StreamField
from wagtail.models import Page

from .models import AnnualReportPage, ProjectUpdatePage, SectionOrigin, WorkingGroupUpdatePage
from .next_edition import relink


def edition_of(page):
    if isinstance(page, AnnualReportPage):
        return page
    return AnnualReportPage.objects.ancestor_of(page).first()


def counterpart(page):
    """The previous edition's page `page` was copied from, else the same project's (or working
    group's) update, else the page at the same place; None when there is none of its type."""
    page = page.specific
    origin = SectionOrigin.objects.filter(page=page).select_related("source").first()
    found = origin.source if origin and origin.source_id else None
    if found is None:
        edition = edition_of(page)
        previous = edition and AnnualReportPage.objects.filter(year=edition.year - 1).first()
        if previous is None:
            return None
        if isinstance(page, ProjectUpdatePage):
            found = ProjectUpdatePage.objects.descendant_of(previous).filter(
                project_id=page.project_id
            )
        elif isinstance(page, WorkingGroupUpdatePage):
            found = WorkingGroupUpdatePage.objects.descendant_of(previous).filter(
                working_group_id=page.working_group_id
            )
        elif page.pk == edition.pk:
            found = Page.objects.filter(pk=previous.pk)
        else:
            place = page.url_path[len(edition.url_path) :].replace(
                str(edition.year), str(previous.year)
            )
            found = Page.objects.filter(url_path=previous.url_path + place)
        found = found.first()
    if found is None:
        return None
    found = found.specific
    return found if type(found) is type(page) else None


def as_last_published(previous, page):
    """The counterpart as its readers know it (live, else its latest draft), with links to
    pages that were copied pointing at the copies: a link that followed the copy is no change."""
    version = previous if previous.live else previous.get_latest_revision_as_object()
    edition = edition_of(page)
    mapping = dict(
        SectionOrigin.objects.filter(
            page__path__startswith=edition.path, source__isnull=False
        ).values_list("source_id", "page_id")
    )
    for field in version._meta.concrete_fields:
        if isinstance(field, StreamField):
            raw = list(getattr(version, field.name).raw_data)
            setattr(version, field.name, relink(raw, mapping))
    return version
