"""Nothing typed is lost: words typed into rich text and saved at once are in the revision,
however the form is sent (docs/admin-fixes.md)."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.security_helpers import log_in

PASSWORD = "quick-typist-2026"
CANCEL_REVIEW = (
    "from reports.models import ProjectUpdatePage\n"
    "page = ProjectUpdatePage.objects.get(slug='zuul', url_path__contains='/2020/')\n"
    "if page.current_workflow_state:\n"
    "    page.current_workflow_state.cancel()\n"
)


def latest_body(site, slug):
    code = (
        "import json\n"
        "from reports.models import ProjectUpdatePage\n"
        f"page = ProjectUpdatePage.objects.get(slug={slug!r}, url_path__contains='/2020/')\n"
        "print(json.dumps(str(page.get_latest_revision().content['body'])))\n"
    )
    return json.loads(site.shell(code).strip().splitlines()[-1])


@pytest.fixture
def editor_page(browser, site):
    site.manage("setup_roles")  # the "Edition review" workflow offers "Submit"
    site.shell(
        "from django.contrib.auth.models import User\n"
        "from reports.models import ProjectUpdatePage\n"
        "User.objects.filter(username='quick').delete()\n"
        f"User.objects.create_superuser('quick', 'quick@example.org', {PASSWORD!r})\n"
        # A case that submitted the page leaves it in review, where "Submit" is not offered.
        + CANCEL_REVIEW
    )
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, "quick", PASSWORD)
    page_id = (
        site.shell(
            "from reports.models import ProjectUpdatePage\n"
            "print(ProjectUpdatePage.objects.get(slug='zuul', url_path__contains='/2020/').pk)\n"
        )
        .strip()
        .splitlines()[-1]
    )
    yield page, f"/admin/pages/{page_id}/edit/"
    context.close()
    # Nor is the page left in review for the next test's reviewers.
    site.shell(
        CANCEL_REVIEW + "from django.contrib.auth.models import User\n"
        "User.objects.filter(username='quick').delete()\n"
    )


def type_at_end(page, editor, words):
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(words)


def body_editor(page):
    """The first text block of the body."""
    return page.locator(".Draftail-Editor [contenteditable='true']").first


def footnote_editor(page):
    """A footnote's text: rich text nested in a list of notes inside a block of the body."""
    return page.locator(".Draftail-Editor [contenteditable='true']", has_text="acmegating.com")


EDITORS = {"body": body_editor, "footnote": footnote_editor}


def save(page, how):
    if how == "Ctrl+S":
        page.keyboard.press("Control+s")
    elif how == "Save draft":
        page.get_by_role("button", name="Save draft").click()
    else:
        actions = page.get_by_role("navigation", name="Actions (footer)")
        actions.get_by_role("button", name="More actions").click()
        actions.get_by_role("button", name=re.compile("Submit to Edition review|Resubmit")).click()
    saved = page.get_by_role("status").get_by_text(re.compile("has been (updated|submitted)"))
    expect(saved).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("how", ["Save draft", "Ctrl+S", "Submit to Edition review"])
@pytest.mark.parametrize("where", EDITORS)
def test_words_typed_and_saved_at_once_are_in_the_revision(site, editor_page, where, how):
    # The editor copies its content into the form 250 ms after the last keystroke: saving in
    # the same instant sends the form without the last words unless the admin fix copies them.
    page, url = editor_page
    page.goto(url)
    marker = f"quick{where}{how.replace(' ', '').replace('+', '').lower()}words"
    type_at_end(page, EDITORS[where](page), f" {marker}")
    save(page, how)
    assert marker in latest_body(site, "zuul")
