"""`run_worker` on start: a task left RUNNING by a worker that died is marked FAILED, saying
why; a task another live worker may still be running (started recently) is left alone."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oif_site.management.commands.run_worker import mark_lost_tasks
from reports.tasks import build_edition_pdf_task

pytestmark = pytest.mark.django_db

PRODUCTION_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def running_since(minutes):
    result = DBTaskResult.objects.get(pk=build_edition_pdf_task.enqueue(1).id)
    result.status = "RUNNING"
    result.started_at = timezone.now() - datetime.timedelta(minutes=minutes)
    result.worker_ids = ["a-worker-that-died"]
    result.save()
    return result


@override_settings(TASKS=PRODUCTION_TASKS, TASK_LOST_AFTER_SECONDS=3600)
def test_a_task_running_past_the_limit_is_marked_failed_and_a_recent_one_is_not():
    lost, recent = running_since(90), running_since(5)

    assert mark_lost_tasks() == 1

    lost.refresh_from_db()
    recent.refresh_from_db()
    assert lost.status == "FAILED" and lost.finished_at is not None
    assert "the worker running it was lost" in lost.traceback
    assert lost.exception_class_path.endswith("run_worker.WorkerLost")
    assert recent.status == "RUNNING"
    assert mark_lost_tasks() == 0
