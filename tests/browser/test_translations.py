"""The Japanese edition in a real browser: axe-core finds no violation on it nor on the
translation status board, and the language switcher works with the keyboard alone."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.security_helpers import log_in
from tests.browser.server import SiteServer
from tests.browser.test_accessibility import AXE, axe_violations
from tests.conftest import EDITION_2020
from tests.reports.translation_fixtures import write_translation

ROOT_PASSWORD = "translations-board-pw"


@pytest.fixture(scope="module")
def japanese():
    """A server of its own with the Japanese 2020 edition loaded before it starts: its workers
    keep the site's root pages (every language's) in their own memory, so a language added
    under a running server would not reach them (production shares Redis, which is cleared)."""
    server = SiteServer("translations").prepare()
    real = EDITION_2020.with_name("2020.ja.yaml")
    path = real if real.exists() else write_translation(EDITION_2020, server.workdir)
    server.manage("load_edition", str(path))
    server.manage("db_worker", "--batch", "--no-startup-delay")
    server.shell(
        "from django.contrib.auth.models import User\n"
        f"User.objects.create_superuser('board', 'board@example.org', '{ROOT_PASSWORD}')\n"
    )
    yield server.start()
    server.stop()


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violation_on_the_japanese_edition(browser, japanese, width):
    context = browser.new_context(base_url=japanese.url, viewport={"width": width, "height": 800})
    page = context.new_page()
    assert page.goto("/ja/annual-reports/2020/").status == 200
    assert page.evaluate("document.documentElement.lang") == "ja"
    violations = axe_violations(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=2)


def test_axe_finds_no_violation_on_the_status_board(browser, japanese):
    context = browser.new_context(base_url=japanese.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, "board", ROOT_PASSWORD)
    page.goto("/admin/editions/")
    page.get_by_role("link", name="Status board").first.click()
    expect(page.locator(".translation-board [data-state='published']").first).to_be_visible()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document.querySelector('.translation-board'))).violations"
        ".map(v => ({rule: v.id, nodes: v.nodes.map(n => n.target)}))"
    )
    context.close()
    assert violations == [], json.dumps(violations, indent=2)


def test_the_language_switcher_works_with_the_keyboard(browser, japanese):
    context = browser.new_context(base_url=japanese.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/annual-reports/2020/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "ja":
            break
    else:
        raise AssertionError("the Japanese link was never reached with Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ja/annual-reports/2020/$"))
    assert page.evaluate("document.documentElement.lang") == "ja"
    context.close()
