from django.apps import AppConfig


class OifSiteConfig(AppConfig):
    name = "oif_site"
    verbose_name = "OpenInfra site"
