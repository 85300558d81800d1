from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Annual reports"

    def ready(self):
        from . import signals  # noqa: F401  (connects the PDF rebuild on publication)
