"""Where a URL of the site lives in the export: /a/b/ is a/b/index.html, as nginx's `index`
and an S3 website's index document expect."""

from urllib.parse import unquote, urlsplit


def file_for_url(url):
    path = unquote(urlsplit(url).path)
    if not path.startswith("/") or "/../" in f"{path}/" or "\\" in path:
        raise ValueError(f"not a path inside the site: {url!r}")
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path
