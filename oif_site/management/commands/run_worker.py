"""`manage.py run_worker`: django-tasks-db's `db_worker`, sending a heartbeat while it runs,
so that /readyz and the StaleHeartbeat alert notice a worker that has stopped."""

import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from base.models import Heartbeat

HEARTBEAT = "worker"


class Command(DbWorkerCommand):
    help = "Run the background worker (db_worker), recording a heartbeat every few seconds."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat-interval", type=float, default=15.0, help="Seconds between heartbeats."
        )

    def handle(self, *args, heartbeat_interval, **options):
        stopped = threading.Event()
        beating = threading.Thread(
            target=self.beat, args=(stopped, heartbeat_interval), name="heartbeat", daemon=True
        )
        beating.start()
        try:
            super().handle(*args, **options)
        finally:
            stopped.set()

    def beat(self, stopped, interval):
        """Beats while the worker's process lives; a daemon thread dies with it."""
        while not stopped.is_set():
            try:
                Heartbeat.beat(HEARTBEAT)
            except Exception as error:  # the database may be away for a while
                self.stderr.write(f"heartbeat not recorded: {error}")
            finally:
                close_old_connections()
            stopped.wait(interval)
