"""No script runs that we did not write: the XSS corpus (tests/browser/xss_payloads.py) put
everywhere an editor can type, then every public page, the feed, the sitemap, search, the API
and the PDF read back.

Pages are loaded in Chromium with the Content-Security-Policy bypassed: the policy is the
second line of defence, this tests the first (escaping and the rich-text whitelist), so a
payload that got through would really run and fire the dialog handler or set the marker.
"""

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from pypdf import PdfReader

from tests.browser.xss_payloads import DETECTOR, PAYLOADS, SEARCH_WORD, joined, payload, raw_context
from tests.reports.pdf_helpers import pdftotext

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The body's rich-text fields in the API's stream data: HTML that clients render as it is.
RICH_TEXT_PATHS = {"text": [()], "list": [("items", None)], "timeline": [("events", None, "text")]}
RICH_TEXT_PATHS["footnotes"] = [("notes", None, "text")]


@pytest.fixture(scope="module")
def corpus(site):
    """The corpus stored in the shared server's database, served by a server of its own
    started afterwards (so no page cache holds a page from before); taken away after."""
    seeded = json.loads(
        site.shell("from tests.browser.xss_seed import seed\nseed()").strip().splitlines()[-1]
    )
    server = site.sibling("xss")
    try:
        server.start()
        yield server, seeded
    finally:
        server.stop()
        site.shell(
            "import json\nfrom tests.browser.xss_seed import unseed\n"
            f"unseed(json.loads({json.dumps(seeded['created'])!r}))\n"
        )


@pytest.fixture
def watched(browser):
    """A page with the detector installed, the policy bypassed, dialogs recorded."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    context.add_init_script(DETECTOR)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, dialogs
    context.close()


def test_the_detector_flags_every_payload_a_template_would_let_through(watched):
    """The check can fail: each payload, written unescaped where it aims, is found (and the
    ones that run on their own do fire the dialog handler or set the marker)."""
    page, dialogs = watched
    missed, ran = [], set()
    for item in PAYLOADS:
        html = raw_context(item)
        if item.context == "template":
            html = f"<div>{Template(item.text).render(Context())}</div>"
        page.set_content(f"<!doctype html><html><body>{html}</body></html>")
        page.wait_for_timeout(50)  # autofocus and onload handlers
        if not page.evaluate("findInjected(document)"):
            missed.append(item.number)
        if page.evaluate("window.__xss"):
            ran.add(page.evaluate("window.__xss"))
    assert missed == []
    ran |= {int(m) for m in dialogs if m.isdigit()}
    assert {1, 2, 4, 6, 7, 9} <= ran, ran


def test_no_payload_runs_or_turns_into_markup_anywhere(watched, corpus):
    server, seeded = corpus
    page, dialogs = watched
    request = page.context.request
    findings, markers = [], []

    urls = [*seeded["pages"], "/data/", f"/search/?q={SEARCH_WORD}"]
    urls += [f"/search/?q={SEARCH_WORD}+{payload(6)}", f"/no-such-page/{payload(7)}/"]
    urls += ["/feeds/annual-reports.atom", "/sitemap.xml"]
    for path in urls:
        page.goto(f"{server.url}{path}")
        page.wait_for_timeout(20)
        findings += [(path, f) for f in page.evaluate("findInjected(document)")]
        if page.evaluate("window.__xss"):
            markers.append((path, page.evaluate("window.__xss")))

    # The payloads did reach the pages, shown as the text they are.
    page.goto(f"{server.url}/annual-reports/2039/letter/")
    text = page.locator("body").inner_text()
    assert payload(1) in text  # the banner, the title
    assert payload(1) in page.locator("aside.announcement").inner_text()  # the Announcement
    assert joined(7, 9) in text  # the letter's signatory (a Person snippet)
    page.goto(f"{server.url}/search/?q={SEARCH_WORD}")
    assert page.get_by_role("link", name=re.compile(re.escape(payload(2)))).count() >= 1

    # The feed and the sitemap are well-formed XML; the feed's HTML parts hold no payload.
    feed = ET.fromstring(request.get(f"{server.url}/feeds/annual-reports.atom").body())
    assert len(feed.findall(f"{ATOM}entry")) >= 8
    for element in feed.iter():
        assert element.tag.startswith(ATOM), element.tag
        if element.get("type") == "html" and element.text:
            findings += [("feed", f) for f in page.evaluate("findInjectedInHTML", element.text)]
    sitemap = ET.fromstring(request.get(f"{server.url}/sitemap.xml").body())
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert any("/annual-reports/2039/" in loc for loc in locations)
    assert all(loc.startswith(("http://", "https://")) for loc in locations)

    # The API: every page, its rich text (HTML that clients render) clean.
    for page_id in seeded["page_ids"]:
        data = request.get(f"{server.url}/api/v2/pages/{page_id}/").json()
        for html in api_rich_text(data):
            findings += [(f"api {page_id}", f) for f in page.evaluate("findInjectedInHTML", html)]

    # The PDF: the payloads printed as text, no script, no javascript: link.
    pdf = request.get(f"{server.url}{seeded['pdf']}").body()
    assert squeezed(joined(1, 6)) in squeezed(pdftotext(pdf))  # the signatory's name
    findings += [("pdf", f) for f in pdf_active_content(pdf)]

    assert findings == [], "\n".join(f"{where}: {what}" for where, what in findings[:30])
    assert markers == []
    assert dialogs == []


def api_rich_text(data):
    """The HTML strings of the body and intro stream data of an API page."""
    for field in ("body", "intro"):
        for block in data.get(field) or []:
            for path in RICH_TEXT_PATHS.get(block["type"], []):
                yield from _walk(block["value"], path)


def _walk(value, path):
    if not path:
        if isinstance(value, str):
            yield value
        return
    step, rest = path[0], path[1:]
    if step is None:
        for item in value:
            yield from _walk(item, rest)
    else:
        yield from _walk(value[step], rest)


def squeezed(text):
    return re.sub(r"\s+", "", text)


def pdf_active_content(content):
    """JavaScript, launch actions and links to javascript:/data: addresses in a PDF."""
    reader = PdfReader(io.BytesIO(content))
    found = []
    if "/Names" in reader.trailer["/Root"] and "/JavaScript" in reader.trailer["/Root"]["/Names"]:
        found.append("document JavaScript")
    if "/OpenAction" in reader.trailer["/Root"]:
        found.append("open action")
    for number, pdf_page in enumerate(reader.pages, start=1):
        for annotation in pdf_page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            kind = action.get("/S")
            uri = str(action.get("/URI", "")).replace(" ", "").lower()
            if kind in ("/JavaScript", "/Launch") or uri.startswith(("javascript:", "data:")):
                found.append(f"page {number}: {kind} {action.get('/URI', '')}")
    return found
