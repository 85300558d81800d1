"""Varnish with deploy/varnish/default.vcl in front of two app servers: what it keeps, what it
never keeps, who may purge it, and that the app's purges reach it."""

import json
import time

from tests.stack.content import EDITION, ZUUL, draft_zuul_title, fetch, review_token
from tests.stack.fleet import Browser
from tests.stack.processes import Varnish


def test_public_pages_are_kept_for_s_maxage_and_cookies_do_not_split_them(stack):
    url = stack.varnish.url
    for path in (EDITION, ZUUL, "/projects/zuul/", "/sitemap.xml", "/feeds/annual-reports.atom"):
        first = fetch(url + path)
        assert first[0] == 200 and "s-maxage=" in first[1]["Cache-Control"], path
        second = fetch(url + path, headers={"Cookie": "theme=dark; _ga=GA1.2.3"})
        assert second[1]["X-Cache"] == "HIT", path
        assert second[2] == first[2]
    gzipped = fetch(url + EDITION, headers={"Accept-Encoding": "gzip"})
    assert gzipped[1]["Content-Encoding"] == "gzip" and gzipped[1]["X-Cache"] == "HIT"


def test_a_404_is_never_kept(stack):
    for _ in range(2):
        status, headers, _body = fetch(stack.varnish.url + "/annual-reports/2031/")
        assert status == 404 and headers["X-Cache"] == "MISS"


def test_a_logged_in_editor_a_preview_a_review_link_and_a_draft_never_come_from_a_cache(stack):
    url = stack.varnish.url
    fetch(url + ZUUL)
    draft_zuul_title(stack.fleet, "marker-d1a")
    editor = Browser(url).login("publisher", "publisher-pw")
    for _ in range(2):
        _status, headers, html = editor.get(ZUUL)
        assert headers["X-Cache"] == "MISS" and "private" in headers["Cache-Control"]
        assert "wagtail-userbar" in html
    edition_pk = stack.fleet.shell(
        "from reports.models import AnnualReportPage\n"
        "print(AnnualReportPage.objects.get(year=2020).pk)"
    ).split()[-1]
    for _ in range(2):
        _status, headers, html = editor.get(f"/admin/editions/{edition_pk}/preview/")
        assert "marker-d1a" in html and headers["X-Cache"] == "MISS"
    token = review_token(stack.fleet)
    for _ in range(2):
        status, headers, html = fetch(f"{url}/review/{token}/")
        assert status == 200 and "marker-d1a" in html
        assert headers["X-Cache"] == "MISS" and "no-store" in headers["Cache-Control"]
    for base in (url, *stack.fleet.urls):
        status, headers, html = fetch(base + ZUUL)
        assert "marker-d1a" not in html and "wagtail-userbar" not in html
    assert fetch(url + ZUUL)[1]["X-Cache"] == "HIT"


def test_purge_is_accepted_only_from_the_app_servers(stack):
    stranger = Varnish(stack.fleet.ports, purgers=("192.0.2.10",)).start()
    try:
        fetch(stranger.url + EDITION)
        assert fetch(stranger.url + EDITION, method="PURGE")[0] == 405
        assert fetch(stranger.url + EDITION)[1]["X-Cache"] == "HIT"  # still there
    finally:
        stranger.stop()
    fetch(stack.varnish.url + EDITION)
    assert fetch(stack.varnish.url + EDITION, method="PURGE")[0] == 200
    assert fetch(stack.varnish.url + EDITION)[1]["X-Cache"] == "MISS"


def until(predicate, seconds=2.0):
    deadline = time.monotonic() + seconds
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def test_edits_outside_pages_purge_varnish_too(stack):
    url = stack.varnish.url
    letter = EDITION + "letter-from-the-executive-director/"
    for path in (letter, EDITION, "/projects/zuul/", "/"):
        fetch(url + path)
    stack.fleet.shell(
        "from reports.models import LetterPage\n"
        "person = LetterPage.objects.get(slug='letter-from-the-executive-director').signatory\n"
        "person.name = 'Jonathan marker-p3r'\n"
        "person.save()\n"
    )
    assert until(lambda: "marker-p3r" in fetch(url + letter)[2])
    assert "marker-p3r" in fetch(url + EDITION)[2]
    stack.fleet.shell(
        "from base.models import SiteSettings\n"
        "from wagtail.models import Site\n"
        "settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))\n"
        "settings.announcement.text = 'Banner marker-b4n'\n"
        "settings.announcement.save()\n"
    )
    for path in (letter, EDITION, "/projects/zuul/", "/"):
        assert until(lambda path=path: "marker-b4n" in fetch(url + path)[2]), path


def test_probes_pass_through_uncached_and_the_proxy_never_gets_the_allowlist(stack):
    """/healthz and /readyz are asked of the app each time; relayed by Varnish (which sits on
    an allowlisted address) they give the public answer only, and /metrics is 404."""
    url, app = stack.varnish.url, stack.fleet.urls[0]
    for path in ("/healthz", "/readyz", "/metrics"):
        for _ in range(2):
            status, headers, _body = fetch(url + path)
            assert headers["X-Cache"] == "MISS", path
            assert "no-cache" in headers["Cache-Control"] or "no-store" in headers["Cache-Control"]
    assert fetch(url + "/healthz")[0] == 200
    direct_status, _headers, direct = fetch(app + "/readyz")
    relayed_status, _headers, relayed = fetch(url + "/readyz")
    assert relayed_status == direct_status
    assert "components" in json.loads(direct)
    assert set(json.loads(relayed)) == {"status"}
    assert fetch(app + "/metrics")[0] == 200
    assert fetch(url + "/metrics")[0] == 404
