"""sitemap.xml of every language in a fixed number of queries: each language's pages, each
listing its published translations as alternates (hreflang), with x-default for the English
original. Wagtail's own asks each section for its edition and each page for its translations."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from reports.models import AnnualReportPage
from reports.models.editions import exclude_unreleased


class SiteSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for path in Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        ):
            trees |= Q(path__startswith=path)
        pages = list(
            exclude_unreleased(
                Page.objects.filter(trees)
                .live()
                .public()
                .filter(alias_of__isnull=True)
                .select_related("locale")
                .order_by("path")
                .defer_streamfields()
                .specific()
            )
        )
        editions = {page.path: page for page in pages if isinstance(page, AnnualReportPage)}
        if editions:
            length = len(next(iter(editions)))
            for page in pages:
                edition = editions.get(page.path[:length])
                if edition is not None and page.depth > edition.depth:
                    page.__dict__["edition"] = edition
        translations = defaultdict(list)
        for page in pages:
            translations[page.translation_key].append(page)
        self.translations = translations
        return pages

    def _urls(self, page, protocol, domain):
        # As Wagtail's, over the list items() made rather than a queryset.
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list:
            entries = item.get_sitemap_urls(self.request)
            alternates = self.alternates(item)
            for url_info in entries:
                if alternates:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, page):
        """The page's published translations (Django's sitemap template writes them as
        xhtml:link elements); none when it exists in one language only."""
        translations = self.translations.get(page.translation_key, [])
        if len(translations) < 2:
            return []
        alternates = [
            {"lang_code": t.locale.language_code, "location": t.get_full_url(self.request)}
            for t in translations
        ]
        source = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
        if source:
            alternates.append({"lang_code": "x-default", "location": source["location"]})
        return alternates
