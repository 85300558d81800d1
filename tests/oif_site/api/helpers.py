"""Reading the API as a client that knows nothing else of the site."""

import json
from urllib.parse import urlsplit


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def local(url):
    """An absolute API address as the test client asks for it."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def strings(data):
    """Every string of a JSON document, in document order."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def dump(data):
    return json.dumps(data, ensure_ascii=False)
