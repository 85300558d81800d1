from django.urls import path
from django.views.decorators.cache import never_cache

from . import exposition, health, views

urlpatterns = [
    path("healthz", never_cache(health.healthz), name="healthz"),
    path("readyz", health.ReadinessView.as_view(), name="readyz"),
    path("version", never_cache(health.version), name="version"),
    path("metrics", never_cache(exposition.metrics_view), name="metrics"),
    path("ops/error-probe/", views.error_probe, name="error_probe"),
]
