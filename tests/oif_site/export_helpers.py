"""Checks on an exported site: every internal link resolves to a file, and what it holds."""

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

ATTR = re.compile(r'\b(?:href|src)="([^"]*)"')
SRCSET = re.compile(r'\bsrcset="([^"]*)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
LOC = re.compile(r"<loc>([^<]+)</loc>")


def references(path, text):
    if path.suffix == ".css":
        return CSS_URL.findall(text)
    refs = ATTR.findall(text) + LOC.findall(text)
    for srcset in SRCSET.findall(text):
        refs += [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]
    return refs


def broken_links(root, site_root):
    """([(file, link) that resolve to no file], number of internal links checked)."""
    root, broken, checked = Path(root), [], 0
    for file in sorted(root.rglob("*")):
        if file.suffix not in {".html", ".css", ".xml", ".atom"}:
            continue
        page_url = "/" + file.relative_to(root).as_posix()
        for ref in references(file, file.read_text()):
            url = urljoin(page_url, ref.replace("&amp;", "&"))
            if url.startswith(site_root + "/"):
                url = url[len(site_root) :]
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, data:, or a fragment of this page
            target = root / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/"):
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append((page_url, ref))
    return broken, checked


def exported_text(root):
    """{file: text} of every text file of the export."""
    return {
        str(p.relative_to(root)): p.read_text(errors="replace")
        for p in Path(root).rglob("*")
        if p.is_file() and p.suffix in {".html", ".xml", ".atom", ".txt", ".json", ".css"}
    }


def image_body(text):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Stage", file=get_test_image_file())
    return [
        ("text", RichText(f"<p>{text}</p>")),
        ("image", {"image": image, "alt_text": "A stage", "caption": "The stage"}),
    ]
