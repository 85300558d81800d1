"""Uploads cannot plant a script in the site's origin, and oversized images are refused with a
form error naming the limit."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.oif_site.upload_files import SCRIPT_SVG, heavy_png, huge_png, small_png

pytestmark = pytest.mark.django_db


def upload(admin_client, kind, name, content, content_type="application/octet-stream"):
    return admin_client.post(
        f"/admin/{kind}/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type), "collection": 1},
    )


def form_errors(response):
    assert response.status_code == 200, "the upload was accepted"
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_an_svg_with_a_script_is_not_accepted_as_an_image(admin_client):
    before = get_image_model().objects.count()
    errors = form_errors(upload(admin_client, "images", "logo.svg", SCRIPT_SVG, "image/svg+xml"))
    assert "Not a supported image format" in errors
    assert "svg" not in re.search(r"Supported formats: ([^.]*)", errors).group(1).lower()
    assert get_image_model().objects.count() == before


def test_an_ordinary_image_is_accepted(admin_client):
    response = upload(admin_client, "images", "chart.png", small_png(), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="chart.png").exists()


def test_an_image_over_the_size_limit_gets_an_error_naming_the_limit(admin_client, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024  # documented default
    errors = form_errors(upload(admin_client, "images", "poster.png", heavy_png(10.5)))
    assert "This file is too big" in errors
    assert "Maximum filesize 10.0" in errors


def test_an_image_over_the_pixel_limit_gets_an_error_naming_the_limit(admin_client, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 50_000_000  # documented default
    bomb = huge_png(8000, 7000)
    assert len(bomb) < 100_000  # small on disk, 56 megapixels once decoded
    errors = form_errors(upload(admin_client, "images", "bomb.png", bomb, "image/png"))
    assert "too many pixels (56000000)" in errors
    assert "Maximum pixels 50000000" in errors


@pytest.mark.parametrize(
    "name, content, why",
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "File extension"),
        ("logo.svg", SCRIPT_SVG, "File extension"),
        ("app.js", b"alert(document.cookie)", "File extension"),
        ("page.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "File extension"),
        ("notes.txt", b"\xef\xbb\xbf <!DOCTYPE html><script>alert(1)</script>", "HTML, SVG"),
        ("figures.csv", b"year,members\n<svg onload=alert(1)>,1\n", "HTML, SVG"),
        ("report.pdf", b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(alert(1))>>>>", "PDF"),
    ],
)
def test_html_svg_and_script_bearing_documents_are_refused(admin_client, name, content, why):
    before = get_document_model().objects.count()
    errors = form_errors(upload(admin_client, "documents", name, content))
    assert why in errors
    assert get_document_model().objects.count() == before


def test_documents_are_served_as_attachments_that_are_never_sniffed(admin_client, client):
    for name, content in [
        ("figures.csv", b"year,members\n2020,100\n"),
        ("report.pdf", b"%PDF-1.4\n%%EOF\n"),
    ]:
        assert upload(admin_client, "documents", name, content).status_code == 302
        document = get_document_model().objects.get(title=name)
        response = client.get(document.url)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        assert document.filename in response.headers["Content-Disposition"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "default-src 'none'"
