"""`manage.py run_worker`: django-tasks-db's `db_worker`, sending a heartbeat while it runs,
so that /readyz and the StaleHeartbeat alert notice a worker that has stopped."""

import datetime
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.models import DBTaskResult

from base.models import Heartbeat
from reports.tasks import enqueue_pdf_catch_up

HEARTBEAT = "worker"


class Command(DbWorkerCommand):
    help = "Run the background worker (db_worker), recording a heartbeat every few seconds."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat-interval", type=float, default=15.0, help="Seconds between heartbeats."
        )

    def handle(self, *args, heartbeat_interval, **options):
        self.stdout.write(f"Tasks whose worker was lost, marked failed: {mark_lost_tasks()}")
        # A worker killed mid-build left its task claimed for ever: catch every PDF up.
        self.stdout.write(f"PDF builds enqueued to catch up: {enqueue_pdf_catch_up()}")
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


class WorkerLost(Exception):
    """What a task whose worker died failed of (DBTaskResult.exception_class_path)."""


def mark_lost_tasks():
    """Tasks claimed by a worker that died (SIGKILL, a lost machine) stay RUNNING for ever."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.TASK_LOST_AFTER_SECONDS)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lte=cutoff
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{__name__}.{WorkerLost.__name__}",
        traceback=(
            f"Still running {settings.TASK_LOST_AFTER_SECONDS} s after it started, when "
            "run_worker started: the worker running it was lost (TASK_LOST_AFTER_SECONDS)."
        ),
    )
