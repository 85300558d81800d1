"""The MDN HTTP Observatory's own scanner grades pages of the site served by gunicorn over HTTPS
(a throw-away CA) with production settings: A+, a score of at least 100, nothing failed."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.browser.server import ROOT
from tests.browser.tls import make_test_ca

pytestmark = pytest.mark.stack

SCANNER = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
PAGES = ["/", "/annual-reports/2020/", "/annual-reports/2020/project-updates/zuul/"]
# What the site earns, test by test: its own policy, not lucky defaults.
EXPECTED = {
    "content-security-policy": "csp-implemented-with-no-unsafe",
    "strict-transport-security": "hsts-implemented-max-age-at-least-six-months",
    "referrer-policy": "referrer-policy-private",
    "x-frame-options": "x-frame-options-implemented-via-csp",
    "x-content-type-options": "x-content-type-options-nosniff",
    "subresource-integrity": "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
}


def prepare_scanner():
    """`npm ci` installs it without its install scripts (.npmrc), which would download the
    browsers' HSTS preload list; the site is not on it, and the scanner needs only the file."""
    if not (SCANNER / "src" / "scan.js").exists():
        pytest.fail("the Observatory scanner is missing: run `npm ci` (make install-test)")
    preload = SCANNER / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")


@pytest.fixture(scope="module")
def https_site(site):
    prepare_scanner()
    directory = Path(tempfile.mkdtemp(prefix="oif-tls-"))
    paths = make_test_ca(directory)
    server = site.sibling(
        "observatory",
        tls=(str(paths["server.pem"]), str(paths["server-key.pem"]), str(paths["ca.pem"])),
        SECURE_SSL_REDIRECT="true",
        SECURE_COOKIES="true",
    )
    server.start()
    yield server, paths["ca.pem"]
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


def scan(server, ca, path):
    """The scanner's own command line, trusting the test CA as a browser would a real one."""
    result = subprocess.run(
        ["node", str(SCANNER / "src" / "scan.js"), f"127.0.0.1:{server.port}{path}"],
        cwd=SCANNER,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(ca)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def problems(report):
    return {
        name: test["result"]
        for name, test in report["tests"].items()
        if not test["pass"] or test["scoreModifier"] < 0
    }


@pytest.mark.parametrize("path", PAGES)
def test_the_observatory_grades_the_page_a_plus(https_site, path):
    report = scan(*https_site, path)
    assert report["scan"]["statusCode"] == 200
    assert report["scan"]["score"] >= 100, problems(report)
    assert report["scan"]["grade"] == "A+", problems(report)
    assert not problems(report)
    results = {name: test["result"] for name, test in report["tests"].items()}
    assert {name: results[name] for name in EXPECTED} == EXPECTED
    headers = {k.lower(): v for k, v in report["scan"]["responseHeaders"].items()}
    assert headers["strict-transport-security"].startswith("max-age=31536000; includeSubDomains")


def test_the_sign_in_page_cookies_are_secure_http_only_and_same_site(https_site):
    """The admin's sign-in page sets the CSRF cookie: the scanner checks its flags. (The admin's
    own policy allows inline scripts for Wagtail's widgets, which the scanner marks down: the
    public pages above are the ones graded A+; docs/security.md.)"""
    report = scan(*https_site, "/admin/login/")
    cookies = report["tests"]["cookies"]
    assert cookies["result"] == "cookies-secure-with-httponly-sessions-and-samesite"
    assert cookies["pass"] and cookies["scoreModifier"] > 0
