import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from reports.tasks import send_production_emails_task


class Command(BaseCommand):
    help = (
        "Queue today's production e-mails (reminders to assignees, the Publishers' digest) for "
        "the background worker. Each goes out once a day at most, so run it as often as you "
        "like: from cron, or kept running with --watch (every --interval seconds)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=float, default=600.0, help="Seconds between two runs."
        )
        parser.add_argument(
            "--max-seconds", type=float, default=None, help="With --watch: stop after this long."
        )

    def handle(self, *args, watch, interval, max_seconds, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        started = time.monotonic()
        while True:
            close_old_connections()
            result = send_production_emails_task.enqueue()
            self.stdout.write(f"Queued the production e-mails: task {result.id}")
            if not watch or not self.running:
                return
            if max_seconds is not None and time.monotonic() - started >= max_seconds:
                return
            time.sleep(interval)

    def stop(self, *args):
        self.running = False
