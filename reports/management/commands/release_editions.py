import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from base.models import Heartbeat
from reports.publishing import release_due_editions

HEARTBEAT = "release-watcher"


class Command(BaseCommand):
    help = (
        "Publish the editions whose scheduled release time has come. Run it once a minute from "
        "cron, or keep it running with --watch (it checks every --interval seconds)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between checks.")
        parser.add_argument(
            "--max-seconds", type=float, default=None, help="With --watch: stop after this long."
        )

    def handle(self, *args, watch, interval, max_seconds, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        started = time.monotonic()
        while True:
            close_old_connections()
            for edition, outcome in release_due_editions():
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {edition}: {outcome}")
            if watch:  # /readyz and the StaleHeartbeat alert watch this
                Heartbeat.beat(HEARTBEAT)
            if not watch or not self.running:
                return
            if max_seconds is not None and time.monotonic() - started >= max_seconds:
                return
            time.sleep(interval)

    def stop(self, *args):
        self.running = False
