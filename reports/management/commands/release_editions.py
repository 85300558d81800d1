from django.utils import timezone

from base.watch import WatchCommand
from reports.publishing import release_due_editions


class Command(WatchCommand):
    help = (
        "Publish the editions whose scheduled release time has come. Run it once a minute from "
        "cron, or keep it running with --watch (it checks every --interval seconds)."
    )
    default_interval = 10.0
    heartbeat = "release-watcher"

    def run_once(self):
        for edition, outcome in release_due_editions():
            self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {edition}: {outcome}")
