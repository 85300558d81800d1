"""What the export holds and how it is made: pages rendered as the public gets them, their
assets, the PDFs, written to a target."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page, Site

from base.models import DataLinksMixin
from reports.models import AnnualReportPage
from reports.models.editions import exclude_unreleased
from reports.models.pdf import served_pdf

from .assets import TEXT_TYPES, Assets
from .paths import file_for_url
from .render import SiteRenderer

# Not pages, yet public: each is exported at its own address.
EXTRA_URLS = [
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/annual-reports.atom",
    "/search/",
    "/data/",
    "/data/figures.csv",
    "/data/figures.json",
]
LOCALISED_URLS = ["/feeds/annual-reports.atom", "/search/"]
NOT_FOUND_URL = "/export-static-404/"  # rendered for the 404 page of the server or bucket


class ExportError(Exception):
    pass


@dataclass
class ExportResult:
    written: list = field(default_factory=list)
    unchanged: int = 0
    deleted: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.written) + self.unchanged


def public_pages(site):
    """Live pages anyone may see, in every language: no view restriction, not inside an
    unreleased edition. The stand-ins of untranslated pages are kept: they answer with the
    note that links to the English original, as on the live site."""
    trees = Q()
    for root in Page.objects.filter(translation_key=site.root_page.translation_key):
        trees |= Q(path__startswith=root.path)
    pages = Page.objects.filter(trees).live().public().select_related("locale")
    return exclude_unreleased(pages).order_by("path")


def build_files(site):
    """{export path: bytes} of the whole public site."""
    renderer = SiteRenderer(site)
    pages, files = {}, {}
    for page in public_pages(site):
        url = page.get_url()
        if url and url.startswith("/"):
            pages[url] = page
    # Editions and profiles have their figures as data beside them (docs/api.md); the
    # stand-in of an untranslated one links to the English original, not to data of its own.
    data = [
        f"{url}figures.{kind}"
        for url, page in pages.items()
        if issubclass(page.specific_class or type(page), DataLinksMixin) and not page.alias_of_id
        for kind in ("csv", "json")
    ]
    # Each language published has its own feed and search page: /ja/feeds/…, /ja/search/.
    languages = {page.locale.language_code for page in pages.values()} - {settings.LANGUAGE_CODE}
    localised = [f"/{code}{url}" for code in sorted(languages) for url in LOCALISED_URLS]
    for url in [*pages, *EXTRA_URLS, *localised, *data]:
        status, body = renderer.get(url)
        if status != 200:
            raise ExportError(f"{url} answered {status} to an anonymous visitor")
        files[file_for_url(url)] = body
    status, files["404.html"] = renderer.get(NOT_FOUND_URL)
    if status != 404:
        raise ExportError(f"{NOT_FOUND_URL} should not exist, yet answered {status}")
    links = add_pdfs(files, [p for p in pages.values() if p.specific_class is AnnualReportPage])
    assets = Assets(site.root_url)
    for path, body in list(files.items()):
        if path.endswith(TEXT_TYPES):
            text = body.decode("utf-8")
            for old, new in links.items():
                text = text.replace(f'href="{old}"', f'href="{new}"')
            files[path] = assets.localise(text).encode("utf-8")
    files.update(assets.files)
    return files


def add_pdfs(files, editions):
    """Each edition's PDF as a file named like the download; its pdf/ address becomes a page
    that sends readers on to it. Returns {pdf/ URL: file URL} for the links."""
    links = {}
    for edition in AnnualReportPage.objects.filter(pk__in=[e.pk for e in editions]).select_related(
        "locale"
    ):
        served = served_pdf(edition)
        if served is None:
            continue
        file_url = f"{edition.url}{served.filename}"
        with served.open() as handle:
            files[file_for_url(file_url)] = handle.read()
        links[edition.pdf_url] = file_url
        files[file_for_url(edition.pdf_url)] = redirect_page(file_url)
    return links


def redirect_page(url):
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={url}"><title>PDF</title></head>'
        f'<body><p><a href="{url}">Download the PDF</a></p></body></html>'
    ).encode()


def export_site(target):
    """Write the public site to the target: only changed files, stale ones removed."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise ExportError("No default site: run `manage.py setup_site` first.")
    files = build_files(site)
    result = ExportResult()
    for path in sorted(files):
        if target.put(path, files[path]):
            result.written.append(path)
        else:
            result.unchanged += 1
    for path in sorted(target.previous - set(files)):
        target.delete(path)
        result.deleted.append(path)
    target.finish(files)
    return result
