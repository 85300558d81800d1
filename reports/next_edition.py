"""Start next year's edition from this year's: the whole tree, as drafts, ready to edit."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page

from .carry_over import content_fields, content_of
from .models import AnnualReportPage, SectionAssignment, SectionOrigin
from .publishing import edition_pages, latest_versions

PAGE_LINK_ID = re.compile(r'(<a[^>]*\blinktype="page"[^>]*\bid=")(\d+)(")')


def _with_year(text, old, new):
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def relink(value, mapping):
    """Raw StreamField data with links to copied pages pointing at the copies."""
    if isinstance(value, str):
        return PAGE_LINK_ID.sub(
            lambda m: f"{m.group(1)}{mapping.get(int(m.group(2)), m.group(2))}{m.group(3)}",
            value,
        )
    if isinstance(value, dict):
        return {k: relink(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [relink(v, mapping) for v in value]
    return value


@transaction.atomic
def start_next_edition(edition, user=None):
    """Copy `edition` into a new, unpublished edition for the following year; returns it."""
    edition = edition.specific
    year = edition.year + 1
    if AnnualReportPage.objects.filter(year=year, locale=edition.locale).exists():
        raise ValidationError(f"The {year} edition exists already.")
    pages = edition_pages(edition)
    versions = latest_versions(pages)
    copies = {}  # source page id -> new page
    for page in pages:
        source = versions[page.pk]
        copy = type(source)()
        for field in content_fields(type(source)):
            setattr(copy, field.attname, getattr(source, field.attname))
        copy.title = _with_year(source.title, edition.year, year)
        copy.slug = _with_year(source.slug, edition.year, year)
        copy.live = False
        # Each team keeps owning its own sections: their submissions land under their names.
        copy.owner_id = page.owner_id
        if page.pk == edition.pk:
            copy.year = year
            copy.slug = str(year)
            parent = edition.get_parent()
        else:
            parent = copies[_parent_id(page, pages)]
        parent.add_child(instance=copy)
        copies[page.pk] = copy

    mapping = {source_id: copy.pk for source_id, copy in copies.items()}
    for page in pages:
        copy = copies[page.pk]
        for field in _stream_field_names(copy):
            setattr(copy, field, relink(list(getattr(copy, field).raw_data), mapping))
        copy.save_revision(user=user, log_action=True)
        # What the copy said when it was made: the check finds sections nobody has updated.
        SectionOrigin.objects.create(page=copy, source=page, copied_content=content_of(copy))
        for permission in GroupPagePermission.objects.filter(page=page):
            GroupPagePermission.objects.get_or_create(
                group=permission.group, page=copy, permission=permission.permission
            )
    _carry_over_assignments(copies)
    log(
        instance=copies[edition.pk],
        action="reports.start_next_edition",
        user=user,
        data={"from_year": edition.year, "pages": len(copies)},
    )
    return copies[edition.pk]


def _carry_over_assignments(copies):
    """Last year's assignments, due a year later, waiting for a Publisher to confirm them."""
    for old in SectionAssignment.objects.filter(page_id__in=copies).prefetch_related("people"):
        new = SectionAssignment.objects.create(
            page=copies[old.page_id],
            group=old.group,
            due_date=a_year_later(old.due_date),
            brief=old.brief,
            assigned_by=old.assigned_by,
            confirmed=False,
        )
        new.people.set(old.people.all())


def a_year_later(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _stream_field_names(page):
    return [f.name for f in page._meta.concrete_fields if isinstance(f, StreamField)]


def _parent_id(page, pages):
    parent_path = page.path[: -Page.steplen]
    return next(p.pk for p in pages if p.path == parent_path)
