"""Every answer carries the site's security headers; the policy lets exactly the site's own
scripts run (the inline ones by hash), and the admin has its own, looser policy."""

import base64
import hashlib
import re

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from reports.models import GeneralSectionPage

pytestmark = pytest.mark.django_db

EDITION = "/annual-reports/2020/"
SECTION = "/annual-reports/2020/project-updates/kata-containers/"
PUBLIC_PAGES = ["/", EDITION, SECTION, "/projects/zuul/", "/search/?q=zuul", "/no-such-page/"]


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def inline_scripts(html):
    """The bodies of the scripts a browser would run inline (not JSON data blocks)."""
    return [
        body
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        if "src=" not in attrs and "application/ld+json" not in attrs
    ]


def sha256(source):
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.parametrize("path", ["/", EDITION, SECTION])
def test_each_inline_script_is_allowed_by_its_hash_and_nothing_else_inline(client, path):
    response = client.get(path)
    scripts = inline_scripts(response.content.decode())
    assert scripts, "the pages have inline scripts that must still run"
    allowed = policy(response)["script-src"]
    for source in scripts:
        assert sha256(source) in allowed, source
    # Only those: a hash per inline script the site has, plus its own files.
    assert [s for s in allowed if s.startswith("'sha256-")] and "'self'" in allowed
    assert not [s for s in allowed if s not in {"'self'"} and not s.startswith("'sha256-")]


def test_a_changed_inline_script_is_not_allowed(client):
    """The hash is of the exact script: an injected or edited script is refused."""
    allowed = policy(client.get("/"))["script-src"]
    assert sha256('document.documentElement.classList.add("js")') in allowed
    assert sha256('document.documentElement.classList.add("js");alert(1)') not in allowed


def test_the_admin_has_its_own_policy_framing_its_previews(admin_client):
    response = admin_client.get("/admin/")
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'self'" in csp["frame-src"]
    assert "blob:" in csp["img-src"]
    # Wagtail's page and date choosers still write per-field inline scripts: the admin alone,
    # behind its sign-in, allows inline scripts (docs/security.md); never eval.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]


def test_an_embedded_video_is_allowed_to_frame_on_a_public_page(client):
    """A YouTube embed in a section's body (the oEmbed answer cached, as Wagtail stores it)."""
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url, 800),
        max_width=800,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed" '
        'width="800" height="450" title="A talk"></iframe>',
        provider_name="YouTube",
    )
    section = GeneralSectionPage.objects.live().first()
    section.body = [("embed", {"url": url})]
    section.save_revision().publish()
    response = client.get(section.url)
    html = response.content.decode()
    src = re.search(r'<iframe src="(https://[^/"]+)/', html).group(1)
    assert src in policy(response)["frame-src"]


def test_the_session_and_csrf_cookies_are_http_only_and_same_site(client, django_user_model):
    django_user_model.objects.create_superuser("ada", "ada@example.org", "correct horse 2020")
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": "ada", "password": "correct horse 2020"})
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
