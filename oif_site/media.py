"""Image renditions from local media when production has no bucket: served by the app with a
long cache (a rendition never changes at its name), nosniff (SecurityMiddleware) and a
sandboxing policy (an SVG must not run scripts on the site's origin). Only renditions: the
originals are not published, and documents and PDFs have views that check who may see them."""

from pathlib import Path

from django.conf import settings
from django.views.decorators.http import require_safe
from django.views.static import serve

RENDITIONS = "images"


def is_local():
    """Media kept on this server's disk, at a path of this site (no bucket)."""
    backend = settings.STORAGES["default"]["BACKEND"]
    return backend.endswith("FileSystemStorage") and settings.MEDIA_URL.startswith("/")


@require_safe
def rendition(request, path):
    response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / RENDITIONS)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
