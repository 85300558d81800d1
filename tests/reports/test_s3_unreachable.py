"""The media storage (a real S3-compatible server, moto's) stopped: pages still render, an
upload gets a form error saying so, and the PDF build is tried again later and succeeds once
the server is back."""

from datetime import timedelta
from types import SimpleNamespace

import boto3
import pytest
from botocore.config import Config
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from moto.server import ThreadedMotoServer
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from reports.models import EditionPDF
from tests.browser.server import free_port
from tests.oif_site.upload_files import small_png
from tests.reports.factories import paragraph
from tests.reports.pdf_helpers import fetch_pdf, make_edition, section_of, text_of

pytestmark = pytest.mark.django_db

PRODUCTION_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
TASK = "reports.tasks.build_edition_pdf_task"


class Moto:
    """moto's server on a port of its own, stopped and started again on the same port (its
    buckets live in the process, so they are there again after a restart)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        return self

    def stop(self):
        self.server.stop()


@pytest.fixture
def s3(settings):
    moto = Moto().start()
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket="oif-unreachable")
    storage = {
        "BACKEND": "oif_site.media_bucket.MediaStorage",
        "OPTIONS": {
            "bucket_name": "oif-unreachable",
            "endpoint_url": moto.url,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "location": "media",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
            # A refused connection is known at once; no minutes of retries in the test.
            "client_config": Config(connect_timeout=2, retries={"max_attempts": 1}),
        },
    }
    settings.PDF_BUILD_RETRY_SECONDS = 60
    with override_settings(
        STORAGES={**settings.STORAGES, "default": storage}, TASKS=PRODUCTION_TASKS
    ):
        yield SimpleNamespace(moto=moto, client=client)
    moto.stop()


def run_due_tasks():
    """What `db_worker` does for each task that is due (its loop would close the test's
    database connection between tasks)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    for queued in DBTaskResult.objects.ready().filter(task_path=TASK):
        queued.claim(worker.worker_id)
        worker.run_task(queued)


def test_s3_unreachable_pages_render_uploads_are_refused_and_the_pdf_is_built_later(
    s3, client, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition()  # its image and renditions go to the bucket
    run_due_tasks()
    first = EditionPDF.objects.get(edition=edition)
    # The keynote photo is the edition's cover too (its cards and link previews).
    type(edition).objects.filter(pk=edition.pk).update(
        cover_image=get_image_model().objects.get(title="Keynote")
    )
    section = section_of(edition, "Highlights")
    pages = [page.url for page in edition.get_descendants(inclusive=True).live()]
    for url in pages:  # read once: their images' renditions are made and stored
        assert client.get(url).status_code == 200, url
    cache.clear()  # from here on pages are rendered, never answered from the page cache

    s3.moto.stop()
    try:
        # Pages still render: a stored rendition's address needs no request to the bucket.
        for url in [*pages, "/"]:
            response = client.get(url)
            assert response.status_code == 200, url
        # An image whose rendition was never made: its file cannot be read, the page is served.
        Rendition.objects.all().delete()
        cache.clear()
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
        assert not Rendition.objects.exists()  # none could be made

        # An upload: a form error that says why, and nothing saved.
        images = get_image_model().objects.count()
        response = admin_client.post(
            "/admin/images/add/",
            {
                "title": "Chart",
                "file": SimpleUploadedFile("chart.png", small_png(), "image/png"),
                "collection": 1,
            },
        )
        assert response.status_code == 200
        errors = " ".join(response.context["form"].errors.get("file", []))
        assert "media storage cannot be reached" in errors and "chart.png" in errors
        assert get_image_model().objects.count() == images

        # A publication: its PDF build fails, and is queued again for later.
        section.body = paragraph("Printed once the bucket was back.")
        with django_capture_on_commit_callbacks(execute=True):
            section.save_revision().publish()
        run_due_tasks()
        failed = DBTaskResult.objects.filter(task_path=TASK, status="FAILED").get()
        retry = DBTaskResult.objects.filter(task_path=TASK, status="READY").get()
        assert retry.args_kwargs == {"args": [edition.pk, 2], "kwargs": {}}
        assert retry.run_after > failed.finished_at + timedelta(seconds=50)
        assert EditionPDF.objects.get(edition=edition).file.name == first.file.name
    finally:
        s3.moto.start()

    run_due_tasks()  # not due yet: nothing happens
    assert DBTaskResult.objects.get(pk=retry.pk).status == "READY"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # time passes
    run_due_tasks()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    rebuilt = EditionPDF.objects.get(edition=edition)
    assert rebuilt.file.name != first.file.name
    assert "printed once the bucket was back" in text_of(fetch_pdf(client, edition)[1])
