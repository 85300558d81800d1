"""Review links show the draft edition read-only to someone without an account."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import ReviewLink

pytestmark = pytest.mark.django_db


def make_link(edition, **kwargs):
    kwargs.setdefault("expires_at", timezone.now() + datetime.timedelta(days=7))
    return ReviewLink.create(edition, user=None, **kwargs)


def test_a_review_link_shows_the_draft_edition_with_drafts_marked(client, draft_edition):
    _link, token = make_link(draft_edition)
    response = client.get(f"/review/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2021 Open Infrastructure Foundation Annual Report" in html
    assert "Airship 2021 Project Update" in html
    assert html.count('class="draft-badge"') == 31
    # Section titles do not lead reviewers to public URLs that do not exist yet.
    assert 'href="/annual-reports/2021/project-updates/zuul/"' not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/annual-reports/2021/").status_code == 404  # still not public


def test_tokens_are_unguessable_and_only_their_hash_is_stored(draft_edition):
    link, token = make_link(draft_edition)
    assert len(token) >= 40
    assert token not in link.token_hash
    assert ReviewLink.objects.filter(token_hash=ReviewLink.hash(token)).exists()
    other_link, other_token = make_link(draft_edition)
    assert other_token != token


def test_expired_revoked_and_unknown_links_show_nothing(client, draft_edition):
    _expired, expired = make_link(
        draft_edition, expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    revoked_link, revoked = make_link(draft_edition)
    revoked_link.revoked_at = timezone.now()
    revoked_link.save()
    _live, valid = make_link(draft_edition)
    for token in (expired, revoked, valid[:-1] + ("A" if valid[-1] != "A" else "B"), "x" * 500):
        response = client.get(f"/review/{token}/")
        assert response.status_code == 404
        assert "2021 Open Infrastructure" not in response.content.decode()


def test_revoking_from_the_dashboard_stops_the_link(client, draft_edition, publisher):
    link, token = make_link(draft_edition)
    assert client.get(f"/review/{token}/").status_code == 200
    client.force_login(publisher)
    client.post(reverse("reports_editions:revoke_review_link", args=[draft_edition.pk, link.pk]))
    client.logout()
    assert client.get(f"/review/{token}/").status_code == 404


def test_a_review_link_opens_nothing_else_of_the_admin(client, draft_edition):
    _link, token = make_link(draft_edition)
    client.get(f"/review/{token}/")
    for url in (
        "/admin/",
        f"/admin/pages/{draft_edition.pk}/edit/",
        reverse("reports_editions:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(f"/review/{token}/").status_code == 405


def test_the_dashboard_shows_a_new_link_once(client, draft_edition, publisher):
    client.force_login(publisher)
    client.post(
        reverse("reports_editions:create_review_link", args=[draft_edition.pk]),
        {"label": "Board", "valid_days": "3"},
    )
    dashboard = reverse("reports_editions:dashboard", args=[draft_edition.pk])
    first = client.get(dashboard).content.decode()
    assert 'class="review-link-url"' in first and "/review/" in first
    second = client.get(dashboard).content.decode()
    assert 'class="review-link-url"' not in second
    token = first.split("/review/")[1].split("/")[0]
    client.logout()
    assert client.get(f"/review/{token}/").status_code == 200
