"""What the API may show: exactly what a visitor can read, never more. The rule lives here once,
for every endpoint and filter."""

import json
import re

from wagtail.models import Page

from base.blocks import image_ids
from base.models import SiteSettings
from reports.models import AnnualReportPage
from reports.models.editions import exclude_unreleased

DOCUMENT_LINK = re.compile(r'linktype=\\?"document\\?" id=\\?"(\d+)')


def public_pages(queryset=None):
    """Live pages without view restrictions (password, login or group, whoever asks: API
    responses are shared by every reader) and outside unreleased editions; in every language,
    translations only (a page standing in for an untranslated one is the English original's)."""
    queryset = Page.objects.all() if queryset is None else queryset
    # By id: search filters only on indexed fields, and alias_of is not one.
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("id", flat=True))
    return exclude_unreleased(queryset.live().public().exclude(id__in=aliases))


def _streams(page):
    for name in ("body", "intro"):
        value = getattr(page, name, None)
        if value is not None and hasattr(value, "raw_data"):
            yield value


def public_image_ids():
    """The images public pages show: in their streams, as edition covers, the site's card."""
    ids = set()
    for page in public_pages().specific():
        for stream in _streams(page):
            ids.update(image_ids(stream))
        if getattr(page, "cover_image_id", None):
            ids.add(page.cover_image_id)
    ids.update(
        SiteSettings.objects.exclude(social_image=None).values_list("social_image_id", flat=True)
    )
    return ids


def public_document_ids():
    """The documents public pages link to, and the designed PDFs of released editions."""
    ids = set()
    for page in public_pages().specific():
        for stream in _streams(page):
            ids.update(int(n) for n in DOCUMENT_LINK.findall(json.dumps(list(stream.raw_data))))
    ids.update(
        AnnualReportPage.objects.live()
        .public()
        .exclude(designed_pdf=None)
        .values_list("designed_pdf_id", flat=True)
    )
    return ids
