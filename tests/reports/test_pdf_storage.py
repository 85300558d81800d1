"""The PDF stored in and served from S3 (a real S3-compatible server: moto's, through
django-storages)."""

import uuid
from types import SimpleNamespace

import boto3
import pytest
from django.test import override_settings
from moto.server import ThreadedMotoServer

from reports.models import EditionPDF
from tests.reports.factories import paragraph
from tests.reports.pdf_helpers import (
    bucket_keys,
    fetch_pdf,
    make_edition,
    read_pdf,
    section_of,
    served_bytes,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **credentials)
    bucket = f"oif-pdf-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": s3_endpoint,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "location": "media",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
        yield SimpleNamespace(client=client, name=bucket)


def test_the_pdf_is_stored_in_and_served_from_s3(
    s3_bucket, db, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition()  # its image and renditions go to the bucket too
    pdf = EditionPDF.objects.get(edition=edition)
    assert bucket_keys(s3_bucket) == [f"media/{pdf.file.name}"]
    stored = s3_bucket.client.get_object(Bucket=s3_bucket.name, Key=f"media/{pdf.file.name}")
    stored = stored["Body"].read()

    response, content = fetch_pdf(client, edition)
    assert content == stored and int(response["Content-Length"]) == len(stored)
    assert {image.name for page in read_pdf(content).pages for image in page.images}  # from S3

    section = section_of(edition, "Highlights")
    section.body = paragraph("Published to the bucket.")
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    new = EditionPDF.objects.get(edition=edition)
    assert bucket_keys(s3_bucket) == [f"media/{new.file.name}"]  # the old object is gone
    assert "published to the bucket" in text_of(served_bytes(client.get(edition.pdf_url)))
