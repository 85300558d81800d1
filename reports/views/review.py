"""Review links: the draft edition, read-only, for someone without an account."""

from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_GET

from reports.models import ReviewLink


@require_GET
def review_edition(request, token):
    link = ReviewLink.find(token)
    if link is None:
        raise Http404("This review link does not exist, has expired or was revoked.")
    ReviewLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    edition = link.edition.get_latest_revision_as_object()
    response = edition.make_preview_request(request, edition.default_preview_mode)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
