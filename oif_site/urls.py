from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from oif_site import media, views
from oif_site.api.openapi import openapi_view
from oif_site.api.router import api_router
from oif_site.feeds import ReportsFeed
from oif_site.sitemap import SiteSitemap
from reports.urls import page_figure_urlpatterns

urlpatterns = [
    path("", include("oif_site.ops.urls")),  # /healthz, /readyz, /version, /metrics
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_view, name="api_openapi"),
    path("api/v2/", api_router.urls),
    path("", include("reports.urls")),  # review links
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": SiteSitemap}}),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

# Public pages per language: English keeps its addresses (no prefix), translations live under
# theirs: /ja/annual-reports/2020/ (docs/translations.md).
localised = [
    path("search/", views.search, name="search"),
    path("feeds/annual-reports.atom", ReportsFeed(), name="reports_feed"),
    path("", include(page_figure_urlpatterns)),
    path("", include(wagtail_urls)),
]

# Django's own admin is a second sign-in form: only there when a setting asks for it.
if settings.DJANGO_ADMIN_ENABLED:
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

# A database outage is a styled 503; any other error the 500 page with the request id.
handler500 = "oif_site.errors.server_error"

if settings.DEBUG:  # development serves every media file, as they are
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif media.is_local():  # production without a bucket: the renditions pages show (oif_site/media.py)
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.lstrip('/')}{media.RENDITIONS}/<path:path>", media.rendition)
    )

urlpatterns += i18n_patterns(*localised, prefix_default_language=False)
