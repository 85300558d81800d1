"""Everything a restore must bring back, as JSON: run inside a site's process with
`manage.py shell -c "from tests.oif_site.site_state import print_state; print_state()"`."""

import hashlib
import json
import re
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

# Per-response values (CSP nonces, CSRF tokens) differ between two renders of the same page.
_VOLATILE = re.compile(rb'(nonce|csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"')


def _sha(content):
    return hashlib.sha256(content).hexdigest()


def _stored(name):
    with default_storage.open(name, "rb") as handle:
        return _sha(handle.read())


def rendered_site():
    """{url: hash of the HTML} of every public page reachable from the home page."""
    client = Client(HTTP_HOST="127.0.0.1")
    seen, queue, pages = set(), ["/"], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages[url] = _sha(_VOLATILE.sub(b"", response.content))
        for href in re.findall(r'href="([^"#]+)', response.content.decode()):
            target = urlsplit(urljoin(url, href))
            if target.netloc in ("", "127.0.0.1") and not target.path.startswith(
                ("/static/", "/media/", "/admin/", "/documents/", "/search/")
            ):
                queue.append(target.path)
    for url in ("/sitemap.xml", "/feeds/annual-reports.atom"):
        pages[url] = _sha(client.get(url).content)
    return pages


def site_state():
    Image = get_image_model()
    images = Image.objects.order_by("pk")
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "id", "path", "title", "slug", "live", "latest_revision_id", "content_type__model"
            )
        ),
        "revisions": [
            (r.pk, r.object_id, r.created_at.isoformat(), _sha(json.dumps(r.content).encode()))
            for r in Revision.objects.order_by("pk")
        ],
        "images": [(i.pk, i.title, i.file.name, i.file_hash, _stored(i.file.name)) for i in images],
        "renditions": [
            (r.image_id, r.filter_spec, r.file.name, _stored(r.file.name))
            for r in Image.get_rendition_model().objects.order_by("pk")
        ],
        "users": list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("id", "username", "password", "email", "is_superuser", "groups__name")
        ),
        "html": rendered_site(),
    }


def print_state():
    print(json.dumps(site_state(), sort_keys=True, default=str))


def add_content():
    """What the 2020 source lacks: an image shown on a page, a second user, a draft revision."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    from reports.models import LetterPage

    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (20, 120, 200)).save(buffer, format="PNG")
    image = get_image_model()(title="Drill keynote")
    image.file = ImageFile(buffer, name="drill-keynote.png")
    image.save()
    get_user_model().objects.create_user("drill-editor", "drill@example.org", "a-long-password")
    letter = LetterPage.objects.order_by("path").first()
    page = letter.get_latest_revision_as_object()
    page.body = [
        *page.body.raw_data,
        {"type": "image", "value": {"image": image.pk, "alt_text": "A stage", "caption": "Drill"}},
    ]
    page.save_revision().publish()
    page.title = "A draft title, not published"
    page.save_revision()
