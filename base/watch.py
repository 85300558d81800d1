"""One loop for the commands that run once from cron or keep running as a Procfile process
(`--watch`), so that SIGTERM, `--max-seconds` and database reconnection behave the same."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from base.models import Heartbeat


class WatchCommand(BaseCommand):
    default_interval = 60.0
    heartbeat = None  # a name: each round while watching beats it (/readyz and alerts read it)

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval",
            type=float,
            default=self.default_interval,
            help="Seconds between two rounds.",
        )
        parser.add_argument(
            "--max-seconds", type=float, default=None, help="With --watch: stop after this long."
        )

    def run_once(self):
        raise NotImplementedError

    def handle(self, *args, watch, interval, max_seconds, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        started = time.monotonic()
        while True:
            close_old_connections()
            self.run_once()
            if watch and self.heartbeat:
                Heartbeat.beat(self.heartbeat)
            if not watch or not self.running:
                return
            if max_seconds is not None and time.monotonic() - started >= max_seconds:
                return
            time.sleep(interval)

    def stop(self, *args):
        self.running = False
