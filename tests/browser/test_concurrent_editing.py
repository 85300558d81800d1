"""Nothing lost when two editors save the same section: the second is warned, by Wagtail's
concurrent-editing notifications (its editing sessions and its autosave, which stops rather
than overwrite), before the save goes through, and both versions stay in the page's history.
Under the admin's Content-Security-Policy."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.security_helpers import Watch, log_in, shell_json

EDITORS = {
    "ann": ("ann-edits-first-2026", "Ann", "Archer"),
    "ben": ("ben-edits-second-2026", "Ben", "Baker"),
}
SLUG = "concurrent-editing"


@pytest.fixture
def section(site):
    """A draft section of the 2020 edition (never public) and two editors; gone afterwards."""
    page_id = shell_json(
        site,
        "import json\n"
        "from django.contrib.auth.models import User\n"
        "from reports.models import AnnualReportPage, GeneralSectionPage\n"
        "from tests.reports.factories import paragraph\n"
        f"for username, (password, first, last) in {EDITORS!r}.items():\n"
        "    User.objects.filter(username=username).delete()\n"
        "    User.objects.create_superuser(username, f'{username}@example.org', password,\n"
        "                                  first_name=first, last_name=last)\n"
        "edition = AnnualReportPage.objects.get(year=2020)\n"
        f"page = GeneralSectionPage(title='Community', slug={SLUG!r}, live=False,\n"
        "                          body=paragraph('What the community did.'))\n"
        "edition.add_child(instance=page)\n"
        "page.save_revision()\n"
        "print(json.dumps(page.pk))\n",
    )
    yield page_id
    site.shell(
        "from django.contrib.auth.models import User\n"
        "from wagtail.models import Page\n"
        f"Page.objects.filter(pk={page_id}).delete()\n"
        f"User.objects.filter(username__in={list(EDITORS)!r}).delete()\n"
    )


def revisions(site, page_id):
    """[(username, title)] of the page's revisions, oldest first."""
    return shell_json(
        site,
        "import json\n"
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page_id})\n"
        "print(json.dumps([[r.user.username if r.user else None, r.content['title']]\n"
        "                  for r in page.revisions.order_by('created_at', 'pk')]))\n",
    )


def editor(browser, site, username):
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    log_in(page, username, EDITORS[username][0])
    return page, watch


def test_the_second_editor_is_warned_before_saving_and_both_versions_are_kept(
    browser, site, section
):
    url = f"/admin/pages/{section}/edit/"
    ann, ann_watch = editor(browser, site, "ann")
    ben, ben_watch = editor(browser, site, "ben")
    ann.goto(url)
    ben.goto(url)

    # Ben sees Ann in the editor's header, from the sessions' pings: her avatar, her name on
    # hovering it.
    avatar = ben.locator("#w-editing-sessions .w-editing-sessions__session")
    expect(avatar).to_have_count(1, timeout=30_000)
    avatar.hover()
    name = ben.locator(".w-editing-sessions__name", has_text="Ann Archer")
    expect(name).to_be_visible()
    # The pointer moves on: the sessions list is not redrawn while its tooltip is open.
    ben.mouse.move(5, 5)
    expect(name).to_be_hidden()

    ann.get_by_role("textbox", name="Title*").fill("Community, as Ann wrote it")
    ann.get_by_role("button", name="Save draft").click()
    expect(ann.get_by_role("status").get_by_text(re.compile("has been updated"))).to_be_visible()

    ben.get_by_role("textbox", name="Title*").fill("Community, as Ben wrote it")
    # At its next ping, Ben's editor names who saved a newer version. (Wagtail's autosave
    # stops too, with a message that depends on whether that ping or the autosave came first.)
    warning = ben.get_by_label("Ann Archer saved a new version").first
    expect(warning).to_be_visible(timeout=60_000)

    # Saving now asks first, naming Ann, and nothing is saved until Ben goes on.
    ben.get_by_role("button", name="Save draft").click()
    dialog = ben.get_by_role("dialog")
    expect(dialog).to_contain_text("Ann Archer saved a new version")
    expect(dialog).to_contain_text("Proceeding will overwrite the changes made by Ann Archer")
    assert [who for who, _ in revisions(site, section)].count("ben") == 0
    dialog.get_by_role("button", name="Save draft").click()  # the confirmation's own label
    expect(ben.get_by_role("status").get_by_text(re.compile("has been updated"))).to_be_visible()

    history = revisions(site, section)
    assert ["ann", "Community, as Ann wrote it"] in history
    assert history[-1] == ["ben", "Community, as Ben wrote it"]
    # The pings and saves ran under the admin's policy without a violation.
    assert ann_watch.violations == [] and ben_watch.violations == []
    assert json.dumps(ann_watch.errors + ben_watch.errors) == "[]"
