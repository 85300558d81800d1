"""sitemap.xml in a fixed number of queries: Wagtail's asks each section for its edition."""

from wagtail.contrib.sitemaps import Sitemap

from reports.models import AnnualReportPage
from reports.models.editions import exclude_unreleased


class SiteSitemap(Sitemap):
    def items(self):
        pages = list(exclude_unreleased(super().items()))
        editions = {page.path: page for page in pages if isinstance(page, AnnualReportPage)}
        if editions:
            length = len(next(iter(editions)))
            for page in pages:
                edition = editions.get(page.path[:length])
                if edition is not None and page.depth > edition.depth:
                    page.__dict__["edition"] = edition
        return pages

    def _urls(self, page, protocol, domain):
        # As Wagtail's, over the list items() made rather than a queryset.
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
