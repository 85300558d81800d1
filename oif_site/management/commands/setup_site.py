from django.core.management.base import BaseCommand

from oif_site.site_setup import ensure_site_structure


class Command(BaseCommand):
    help = "Create the home page, the archive and profile indexes and the site settings if missing."

    def handle(self, *args, **options):
        structure = ensure_site_structure()
        self.stdout.write(f"Site ready: {structure.site} with home page “{structure.home.title}”.")
