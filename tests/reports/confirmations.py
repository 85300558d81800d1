"""Reading the whole-edition confirmation pages as a Publisher does, and confirming them."""

import re

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from reports.models import EditionRelease

EDIT_LINK = re.compile(r"/admin/pages/(\d+)/edit/$")


def action_url(action, edition):
    return reverse(f"reports_editions:{action}", args=[edition.pk])


def listed(html):
    """{group: [page ids]} of a confirmation page, in the order shown; "problems" too."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        ul["data-group"]: [int(EDIT_LINK.search(a["href"]).group(1)) for a in ul.select("li > a")]
        for ul in soup.select("ul[data-group]")
    }


def confirm_field(html):
    """The confirmation's hidden field, or None when the page offers no confirmation."""
    field = BeautifulSoup(html, "html.parser").select_one("form input[name=confirm]")
    return field["value"] if field else None


def confirm(client, action, edition, **data):
    """Open the confirmation page, then press its button: the two steps a Publisher takes."""
    page = client.get(action_url(action, edition))
    assert page.status_code == 200, page.status_code
    value = confirm_field(page.content.decode())
    assert value, "the confirmation page offers no confirmation"
    return client.post(action_url(action, edition), {"confirm": value, **data})


def header_actions(html):
    """The labels of the dashboard's header actions (the slim header's "Actions" nav)."""
    nav = BeautifulSoup(html, "html.parser").select_one("nav#w-slim-header-buttons")
    return [" ".join(a.get_text().split()) for a in nav.select("a, button")] if nav else []


def edition_snapshot(edition):
    """Everything a whole-edition action could change."""
    pages = Page.objects.descendant_of(edition, inclusive=True)
    return {
        "pages": sorted(
            pages.values_list(
                "pk", "live", "has_unpublished_changes", "latest_revision_id", "last_published_at"
            )
        ),
        "releases": sorted(EditionRelease.objects.values_list("pk", "release_at", "released_at")),
        "log entries": PageLogEntry.objects.count(),
    }
