from django.core.management.base import BaseCommand

from oif_site.site_setup import ensure_site_structure
from reports.roles import setup_roles


class Command(BaseCommand):
    help = "Create or complete the staff and project-team groups and the edition review workflow."

    def handle(self, *args, **options):
        ensure_site_structure()
        groups, teams = setup_roles()
        self.stdout.write(
            f"Groups ready: {', '.join(groups)}; {len(teams)} project teams; "
            "edition review workflow attached to the annual reports."
        )
