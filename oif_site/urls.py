from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from oif_site import views
from oif_site.feeds import ReportsFeed

handler500 = "oif_site.errors.server_error"  # a database outage is a styled 503

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("reports.urls")),  # review links
    path("sitemap.xml", sitemap),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("search/", views.search, name="search"),
    path("feeds/annual-reports.atom", ReportsFeed(), name="reports_feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
