"""The site's URLs plus /__hello__/, for `make bench` only (benchmarks.stack_settings)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from oif_site.urls import urlpatterns as site_urlpatterns


@never_cache
def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("__hello__/", hello), *site_urlpatterns]
