from django.apps import AppConfig


class OifSiteConfig(AppConfig):
    name = "oif_site"
    verbose_name = "OpenInfra site"

    def ready(self):
        from . import signals  # noqa: F401  (purges the caches when content changes)
