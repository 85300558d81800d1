"""No page makes a request that leaves the site: not the public pages, not the admin (no
Gravatar), so readers and staff are not tracked and nothing breaks offline."""

import pytest

from tests.browser.security_helpers import Watch, log_in, make_superuser

USER, PASSWORD = "origin-watcher", "origin-watcher-password-2020"
PUBLIC = [
    "/",
    "/annual-reports/2020/",
    "/annual-reports/2020/project-updates/zuul/",
    "/projects/zuul/",
    "/search/?q=zuul",
]


def read_to_the_end(page, path):
    assert page.goto(path).status == 200
    # Lazy images load as the reader scrolls.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_requests_nothing_from_elsewhere(page, site, path):
    watch = Watch(page)
    read_to_the_end(page, path)
    assert len(watch.requests) > 3  # the page, its styles, script, fonts, images
    assert watch.foreign_requests(site.url) == []
    assert watch.violations == []


def test_the_admin_home_requests_nothing_from_elsewhere(page, site):
    make_superuser(site, USER, PASSWORD)
    watch = Watch(page)
    log_in(page, USER, PASSWORD)
    read_to_the_end(page, "/admin/")
    avatars = page.locator("img.avatar, .avatar img")
    assert avatars.count() > 0  # the account's avatar is shown, from the site itself
    for src in avatars.evaluate_all("images => images.map(image => image.src)"):
        assert src.startswith(site.url), src
    assert watch.foreign_requests(site.url) == []
    assert watch.violations == []
