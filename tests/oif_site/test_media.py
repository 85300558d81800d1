"""Production without a bucket serves the image renditions pages show, and nothing else of
the media folder."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db


def test_renditions_are_served_with_a_long_cache_and_nosniff(client):
    image = Image.objects.create(title="Stage", file=get_test_image_file())
    rendition = image.get_rendition("width-400")
    assert rendition.url.startswith("/media/images/")

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:4] == b"\x89PNG"

    assert client.get(rendition.url.replace(".png", "-missing.png")).status_code == 404
    # Originals are not published; only renditions are.
    assert client.get(image.file.url).status_code == 404
    client.raise_request_exception = False
    assert client.get("/media/images/../original_images/x.png").status_code == 400
    assert client.post(rendition.url).status_code == 405
