"""Template helpers of the editions: the year switch, and what approval means inside one."""

from django import template

from base.queries import public
from reports.models import AnnualReportPage, approval_note

register = template.Library()


@register.simple_tag
def edition_years(current):
    """Every live, public edition for the year switch, newest first, the current one marked."""
    editions = list(
        public(AnnualReportPage.objects.live())
        .filter(locale_id=current.locale_id)
        .order_by("-year")
        .only("id", "title", "year", "url_path", "path", "depth")
    )
    return [{"page": e, "year": e.year, "current": e.pk == current.pk} for e in editions]


register.simple_tag(approval_note, name="approval_note")
