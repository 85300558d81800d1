"""The Atom feed of editions and their sections: readers and aggregators learn of a new edition
and of every section it brings, newest edition first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from wagtail.models import Locale

from base.templatetags.seo_tags import page_description, site_root_url
from reports.models import AnnualReportPage, EditionSectionPage
from reports.models.editions import sections_by_edition

MAX_ITEMS = 100


class ReportsFeed(Feed):
    feed_type = Atom1Feed
    title = "OpenInfra Foundation Annual Reports"
    subtitle = (
        "Every edition of the Open Infrastructure Foundation annual report, section by section."
    )
    author_name = "Open Infrastructure Foundation"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        # Each language's feed links to its own archive: /ja/annual-reports/.
        language = Locale.get_active().language_code
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        return f"{site_root_url(self.request)}{prefix}/annual-reports/"

    def feed_url(self):
        return f"{site_root_url(self.request)}{self.request.path}"

    def items(self):
        """Editions, newest first, each followed by its live sections in reading order."""
        editions = list(
            AnnualReportPage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .order_by("-year")
        )
        sections = sections_by_edition(editions)  # a fixed number of queries, however many
        items = []
        for edition in editions:
            items.append(edition)
            items.extend(sections[edition.pk])
        return items[:MAX_ITEMS]

    def item_title(self, item):
        if isinstance(item, EditionSectionPage) and item.edition:
            return f"{item.title} ({item.edition.year} annual report)"
        return item.title

    def item_description(self, item):
        # Atom's summary is type="html": the plain description is escaped to HTML first, or
        # a reader would render "<script>" typed in a summary as markup.
        return escape(page_description({"request": self.request}, item, length=300))

    def item_link(self, item):
        return item.get_full_url(self.request)  # the site's address, not the request's

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        edition = item.edition if isinstance(item, EditionSectionPage) else item
        return [str(edition.year)] if getattr(edition, "year", None) else []
