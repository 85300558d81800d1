"""Weight of the 2020 edition page: its HTML, and the CSS and JavaScript it loads.

Budgets (issue #4): under 150 KB of HTML, under 100 KB of CSS and JavaScript together, both
counted uncompressed; gzip sizes are printed too, as a visitor's connection carries them.
Fonts are listed apart: they do not block reading (font-display: optional).
"""

import gzip
import re
from pathlib import Path

from benchmarks.setup import fresh_site

ROOT = Path(__file__).resolve().parent.parent
HTML_BUDGET = 150 * 1024
CSS_JS_BUDGET = 100 * 1024
ASSET = re.compile(
    r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"|'
    r'<link rel="preload" href="([^"]+)" as="font"'
)


def _setup():
    """Django on a database of its own, unless an earlier benchmark set one up."""
    from django.apps import apps

    if not apps.ready:
        fresh_site(prefix="oif-bench-weight-")


def _static_bytes(url):
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    return Path(path).read_bytes()


def measure():
    """{'html': bytes, 'css_js': {url: bytes}, 'fonts': {url: bytes}} of the edition page."""
    _setup()
    from django.test import Client

    html = Client().get("/annual-reports/2020/").content
    css_js, fonts = {}, {}
    for css, js, font in ASSET.findall(html.decode()):
        url = css or js or font
        (fonts if font else css_js)[url] = _static_bytes(url)
    return {"html": html, "css_js": css_js, "fonts": fonts}


def kb(size):
    return f"{size / 1024:6.1f} KB"


def main():
    weight = measure()
    html = weight["html"]
    print(f"HTML of /annual-reports/2020/: {kb(len(html))} (gzip {kb(len(gzip.compress(html)))})")
    total = sum(len(body) for body in weight["css_js"].values())
    total_gz = sum(len(gzip.compress(body)) for body in weight["css_js"].values())
    for url, body in weight["css_js"].items():
        print(f"  {url}: {kb(len(body))} (gzip {kb(len(gzip.compress(body)))})")
    print(f"CSS and JavaScript it loads: {kb(total)} (gzip {kb(total_gz)})")
    for url, body in weight["fonts"].items():
        print(f"  font {url}: {kb(len(body))}")
    verdict = len(html) < HTML_BUDGET and total < CSS_JS_BUDGET
    print(
        f"budget: HTML < {kb(HTML_BUDGET).strip()}, CSS+JS < {kb(CSS_JS_BUDGET).strip()}:"
        f" {'within' if verdict else 'OVER'}"
    )
