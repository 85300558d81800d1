"""The report's key figures as downloadable data (CSV and JSON), per edition, per profile and
for the whole site, with the site's data licence and a Last-Modified; and the catalogue page
that describes them to people and to dataset search engines."""

import csv
import io
import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from base.models import SiteSettings
from projects.models import ProfilePage
from reports.figures import COLUMNS, edition_rows, profile_rows
from reports.models import AnnualReportPage

CACHE_SECONDS = 300


def _licence(request):
    settings = SiteSettings.for_request(request)
    return settings.data_licence, settings.data_licence_url


def _last_modified(pages):
    stamps = [page.last_published_at for page in pages if page.last_published_at]
    return max(stamps) if stamps else None


def figures_response(request, rows, pages, fmt, filename):
    last_modified = _last_modified(pages)
    stamp = int(last_modified.timestamp()) if last_modified else None
    conditional = get_conditional_response(request, last_modified=stamp)
    if conditional is not None:
        return conditional
    licence, licence_url = _licence(request)
    if fmt == "json":
        response = JsonResponse(
            {"licence": licence, "licence_url": licence_url, "figures": rows},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, "licence"], lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({**row, "licence": licence} for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}.csv"'
    if licence_url:
        response["Link"] = f'<{licence_url}>; rel="license"'
    if last_modified:
        response["Last-Modified"] = http_date(stamp)
    patch_cache_control(response, public=True, max_age=60, s_maxage=CACHE_SECONDS)
    return response


def _public_page_at(request, page_path):
    """The live, public page at this address, as the site routes it; 404 otherwise."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    if not page.live or page.get_view_restrictions().exists():
        raise Http404
    return page.specific


@require_safe
def page_figures(request, page_path, fmt):
    """…/<edition or profile>/figures.csv|json"""
    page = _public_page_at(request, page_path)
    language = page.locale.language_code
    # A translation's download names its language, as its PDF does, not to pass for the English.
    suffix = "" if language == settings.LANGUAGE_CODE else f"-{language}"
    if isinstance(page, AnnualReportPage):
        rows, pages = edition_rows(page, request)
        filename = f"openinfra-annual-report-{page.year}{suffix}-figures"
    elif isinstance(page, ProfilePage):
        rows, pages = profile_rows(page, request)
        filename = f"{page.slug}{suffix}-figures"
    else:
        raise Http404
    return figures_response(request, rows, pages, fmt, filename)


def released_editions():
    """The English editions: a translation's figures are the source's (synchronised), so the
    site's data counts each edition once."""
    return (
        AnnualReportPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("year")
    )


@require_safe
def all_figures(request, fmt):
    """/data/figures.csv|json: every released edition's figures."""
    rows, pages = [], []
    for edition in released_editions():
        edition_figures, edition_pages = edition_rows(edition, request)
        rows += edition_figures
        pages += edition_pages
    return figures_response(request, rows, pages, fmt, "openinfra-annual-report-figures")


@require_safe
def data_catalogue(request):
    """/data/: the datasets, for people and (JSON-LD) for dataset search engines."""
    licence, licence_url = _licence(request)
    editions = list(released_editions())
    profiles = [
        profile
        for model in ProfilePage.__subclasses__()
        for profile in model.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("title")
    ]
    datasets = [
        _dataset(request, f"Key figures of the {e.year} annual report", e, licence_url)
        for e in editions
    ] + [
        _dataset(request, f"Key figures of {p.title} across editions", p, licence_url)
        for p in profiles
    ]
    catalogue = {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": "OpenInfra Foundation annual report data",
        "url": request.build_absolute_uri(),
        "license": licence_url or licence,
        "dataset": datasets,
    }
    return TemplateResponse(
        request,
        "reports/data_catalogue.html",
        {
            "editions": editions,
            "profiles": profiles,
            "licence": licence,
            "licence_url": licence_url,
            "json_ld": json.dumps(catalogue, ensure_ascii=False).replace("<", "\\u003c"),
            "meta_title": "Data",
        },
    )


def _dataset(request, name, page, licence_url):
    base = page.get_full_url(request)
    return {
        "@type": "Dataset",
        "name": name,
        "description": f"{name}: label, value, qualifier, unit and source of every key figure.",
        "url": base,
        "license": licence_url,
        "creator": {"@type": "Organization", "name": "OpenInfra Foundation"},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": f"{base}figures.{ext}"}
            for ext, kind in (("csv", "text/csv"), ("json", "application/json"))
        ],
    }
