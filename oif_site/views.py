"""Public views that are not Wagtail pages: search and robots.txt."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page, Site
from wagtail.search.utils import parse_query_string

from base.text import excerpt, page_text, query_terms
from projects.models import ProjectPage, WorkingGroupPage
from reports.models import AnnualReportPage, EditionSectionPage
from reports.models.editions import exclude_unreleased

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def searchable_pages():
    """What the public may find: live pages without view restrictions, and only the kinds that
    carry the report (editions, their sections, project and working-group profiles)."""
    # A section published before its edition is released stays unfindable, as it is unreachable.
    # Pages in the visitor's language only: /ja/search/ finds Japanese pages.
    return exclude_unreleased(
        Page.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .type(AnnualReportPage, EditionSectionPage, ProjectPage, WorkingGroupPage)
    )


def run_search(query_string):
    """Every word must match; when that finds nothing, any word may. Wagtail's database backend
    ranks the results: PostgreSQL full-text search on PostgreSQL, FTS5 on SQLite."""
    _filters, query = parse_query_string(query_string, operator="and")
    results = searchable_pages().search(query, operator="and")
    if results.count() == 0 and len(query_terms(query_string)) > 1:
        _filters, query = parse_query_string(query_string, operator="or")
        results = searchable_pages().search(query, operator="or")
    return results


def describe(page):
    """The kind of a result and the edition it belongs to, as the result's kicker."""
    if isinstance(page, AnnualReportPage):
        return f"Annual report {page.year}"
    if isinstance(page, EditionSectionPage):
        edition = page.edition
        return f"{edition.year} report · section" if edition else "Report section"
    if isinstance(page, ProjectPage):
        return "Project"
    if isinstance(page, WorkingGroupPage):
        return "Working group"
    return ""


@require_safe
def search(request):
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results_page, paginator, results = None, None, []
    if query:
        paginator = Paginator(run_search(query), RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
        terms = query_terms(query)
        pages = Page.objects.filter(pk__in=[p.pk for p in results_page]).specific()
        by_pk = {p.pk: p for p in pages}
        for hit in results_page:
            page = by_pk.get(hit.pk)
            if page is None:
                continue
            results.append(
                {
                    "page": page,
                    "kind": describe(page),
                    "excerpt": excerpt(page_text(page), terms),
                }
            )
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "results_page": results_page,
            "paginator": paginator,
            "page_range": (
                paginator.get_elided_page_range(results_page.number, on_each_side=2, on_ends=1)
                if results_page
                else []
            ),
        },
    )
    # Result pages are for people, not for search engines (robots.txt says so too).
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawl everything public; not the admin nor search results. Points to the sitemap on the
    site's own address, the one canonical links use."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Allow: /",
        "",
        f"Sitemap: {root}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
