"""The static files and media (image renditions) that exported pages use, found by their
URLs in the pages' text and in CSS url()s, and read from where production keeps them."""

import re
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

URL_CHARS = r"[^\s\"'<>()\\,]+"
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
TEXT_TYPES = (".html", ".xml", ".atom", ".txt", ".css", ".js", ".json", ".svg")


class MissingAsset(Exception):
    pass


def media_base():
    """The URL prefix of media files: /media/, or the bucket's address."""
    return default_storage.url("x")[:-1]


class Assets:
    """Collects {export path: bytes} for the static files and media a text refers to. Files
    served from another host (a CDN, the bucket) are brought home under /static/, /media/."""

    def __init__(self, site_root):
        self.files = {}
        # A prefix counts where a URL starts: after a quote, a bracket, a space, a comma (srcset)
        # or the site's own address; never inside another site's URL.
        self.lead = f"(?:(?<=[\"'(\\s,=>])|(?<={re.escape(site_root)}))"
        self.static_base = settings.STATIC_URL
        self.kinds = [
            (_base(settings.STATIC_URL, "/static/"), self._static),
            (_base(media_base(), "/media/"), self._media),
        ]

    def localise(self, text):
        """Rewrite asset URLs to the export's own and collect every asset the text uses."""
        for (source, local), read in self.kinds:
            if source != local:
                text = text.replace(source, local)
            for match in re.finditer(self.lead + re.escape(local) + f"({URL_CHARS})", text):
                read(_clean(match.group(1)), local)
        return text

    def _static(self, name, local="/static/"):
        path = f"{local.lstrip('/')}{name}"
        if path in self.files:
            return
        self.files[path] = data = _read_static(name)
        if name.endswith(".css"):
            for reference in CSS_URL.findall(data.decode("utf-8", "replace")):
                if reference.startswith(("data:", "#")) or urlsplit(reference).scheme:
                    continue
                url = urljoin(self.static_base + name, reference)
                if url.startswith(self.static_base):
                    self._static(_clean(url[len(self.static_base) :]), local)

    def _media(self, name, local):
        path = f"{local.lstrip('/')}{name}"
        if path not in self.files:
            if not default_storage.exists(name):
                raise MissingAsset(f"media file {name!r} is used by a page but not in storage")
            with default_storage.open(name, "rb") as handle:
                self.files[path] = handle.read()


def _base(url, fallback):
    """(the URL prefix pages use, the prefix in the export): a path prefix stays as it is."""
    return (url, url) if url.startswith("/") else (url, fallback)


def _clean(name):
    return unquote(urlsplit(name).path)


def _read_static(name):
    """A collected file (hashed name, as production serves it), else the source file."""
    try:
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name, "rb") as handle:
                return handle.read()
    except (NotImplementedError, ValueError):
        pass
    found = finders.find(name)
    if not found:
        raise MissingAsset(f"static file {name!r} is used by a page but not found")
    with open(found, "rb") as handle:
        return handle.read()
