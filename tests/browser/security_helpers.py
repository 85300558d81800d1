"""Watching a browser for what the security tests forbid: policy violations and requests that
leave the site."""

import json
import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

VIOLATION = re.compile(r"Content Security Policy|Refused to (load|execute|apply|frame|connect)")


def shell_json(site, code):
    """Run `code` against the server's database; it prints one line of JSON, last."""
    return json.loads(site.shell(code).strip().splitlines()[-1])


def make_superuser(site, username, password):
    site.shell(
        "from django.contrib.auth.models import User\n"
        f"User.objects.filter(username={username!r}).delete()\n"
        f"User.objects.create_superuser({username!r}, '{username}@example.org', {password!r})\n"
    )


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


class Watch:
    """Every console message that reports a policy violation, every page error and every
    request the page makes, across navigations and frames."""

    def __init__(self, page):
        self.violations, self.errors, self.requests = [], [], []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message):
        if VIOLATION.search(message.text):
            self.violations.append(message.text)

    def foreign_requests(self, origin):
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob", "about"}
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != origin
        ]
