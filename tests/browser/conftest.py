"""Browser tests: Playwright driving Debian's Chromium against a real server process."""

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, SiteServer
from tests.stack.processes import RedisServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site():
    """The site served by gunicorn with production settings and the 2020 edition loaded, its
    page cache in a Redis of its own as in production: shared by both workers, and purged by
    changes made from another process (`site.shell`, `load_edition`) too."""
    redis = RedisServer().start()
    server = SiteServer(REDIS_URL=redis.url).prepare().start()
    yield server
    server.stop()
    redis.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
