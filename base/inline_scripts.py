"""The few scripts that must run inline, before first paint: the Content-Security-Policy allows
exactly these, by hash (settings), so a page served from any cache keeps a valid policy."""

import base64
import hashlib

INLINE_SCRIPTS = {
    # Styles for readers with JavaScript apply from the first paint.
    "js-class": 'document.documentElement.classList.add("js")',
    # Narrow screens start with the site menu and the contents closed (no flash of open menus).
    "close-menu-when-narrow": (
        'if (!matchMedia("(min-width: 48rem)").matches) '
        "document.currentScript.previousElementSibling.open = false"
    ),
    "close-contents-when-narrow": (
        'if (!matchMedia("(min-width: 64rem)").matches) '
        "document.currentScript.previousElementSibling.open = false"
    ),
}


def script_hash(source):
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


CSP_SCRIPT_HASHES = [script_hash(source) for source in INLINE_SCRIPTS.values()]
