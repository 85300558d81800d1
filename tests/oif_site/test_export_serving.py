"""The export where it is served: an S3 bucket (moto's server, through django-storages) and
Debian's nginx with production's hashed static files."""

import os
import subprocess
import time
import urllib.request
import uuid
from io import StringIO

import boto3
import pytest
from django.core.management import call_command
from django.test import override_settings
from moto.server import ThreadedMotoServer
from wagtail.models import Site

from reports.models import AnnualReportPage
from tests.browser.server import free_port
from tests.oif_site.export_helpers import broken_links, image_body
from tests.reports.factories import GeneralSectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_export_to_a_bucket_uploads_with_types_and_then_only_changes(s3_endpoint, settings):
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **credentials)
    bucket = f"oif-site-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = "testing"

    def export():
        out = StringIO()
        call_command("export_static", bucket=bucket, stdout=out)
        return out.getvalue()

    assert f"to s3://{bucket}" in export()
    keys = {o["Key"] for o in client.list_objects_v2(Bucket=bucket, MaxKeys=1000)["Contents"]}
    assert {"index.html", "annual-reports/2020/index.html", "sitemap.xml", "404.html"} <= keys
    page = client.get_object(Bucket=bucket, Key="annual-reports/2020/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300"
    assert b"2020 Open Infrastructure Foundation Annual Report" in page["Body"].read()
    pdf_key = "annual-reports/2020/openinfra-annual-report-2020.pdf"
    pdf = client.get_object(Bucket=bucket, Key=pdf_key)
    assert pdf["ContentType"] == "application/pdf"
    css = client.head_object(Bucket=bucket, Key="static/css/site.css")
    assert css["CacheControl"] == "public, max-age=31536000, immutable"
    assert " 0 written, " in export()


@pytest.fixture
def hashed_static(tmp_path, settings):
    """Static files collected as production does: hashed names, compressed copies."""
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        call_command("collectstatic", "--no-input", verbosity=0)
        yield


NGINX_CONF = """
{user}
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {site_conf};
    }}
}}
"""


@pytest.mark.stack
def test_nginx_serves_the_export_with_hashed_static_files(tmp_path, hashed_static, settings):
    edition_url = "/annual-reports/2020/"
    GeneralSectionPageFactory(
        parent=AnnualReportPage.objects.get(year=2020),
        title="On stage",
        slug="on-stage",
        body=image_body("Keynotes."),
    )
    root = tmp_path / "site"
    call_command("export_static", str(root), stdout=StringIO())
    assert broken_links(root, Site.objects.get(is_default_site=True).root_url)[0] == []
    html = (root / "annual-reports/2020/on-stage/index.html").read_text()
    css_url = next(p for p in html.split('"') if p.startswith("/static/css/site."))
    assert css_url != "/static/css/site.css"  # hashed, as production names it
    image_url = next(p for p in html.split('"') if p.startswith("/media/images/"))

    port = free_port()
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            # As root nginx's workers would drop to nobody, who cannot read pytest's tmp_path.
            user="user root;" if os.geteuid() == 0 else "",
            dir=tmp_path,
            port=port,
            root=root,
            site_conf=settings.BASE_DIR / "deploy/nginx/static-export.conf",
        )
    )
    nginx = subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-p", str(tmp_path)])
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or nginx.poll() is not None:
                    raise
                time.sleep(0.1)

        def get(path):
            try:
                with urllib.request.urlopen(base + path, timeout=5) as response:
                    return response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.headers, error.read()

        status, headers, body = get(edition_url)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert b"2020 Open Infrastructure Foundation Annual Report" in body
        status, headers, body = get(css_url)
        assert status == 200 and headers["Content-Type"] == "text/css"
        assert "immutable" in headers["Cache-Control"]
        status, headers, body = get(image_url)
        assert status == 200 and headers["Content-Type"].startswith("image/")
        status, headers, body = get("/annual-reports/2020/openinfra-annual-report-2020.pdf")
        assert status == 200 and body[:5] == b"%PDF-"
        assert headers["Content-Type"] == "application/pdf"
        status, headers, body = get("/feeds/annual-reports.atom")
        assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
        status, headers, body = get("/annual-reports/1999/")
        assert status == 404 and b"Page not found" in body
        assert get("/.export-manifest.json")[0] == 404
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
