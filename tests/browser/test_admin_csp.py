"""Editors work in the Wagtail admin under its Content-Security-Policy: the page editor, the
image chooser and the live preview run without a single violation in the console."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.security_helpers import Watch, log_in, make_superuser, shell_json
from tests.oif_site.upload_files import small_png

USER, PASSWORD = "csp-editor", "csp-editor-password-2020"
PHRASE = "Written under the admin's policy."


@pytest.fixture
def editor(site):
    make_superuser(site, USER, PASSWORD)
    yield
    site.shell(
        "from django.contrib.auth.models import User\n"
        f"User.objects.filter(username={USER!r}).delete()"
    )


def page_ids(site):
    return shell_json(
        site,
        "import json\nfrom reports.models import AnnualReportPage, ProjectUpdatePage\n"
        "zuul = ProjectUpdatePage.objects.get(url_path__endswith='/2020/project-updates/zuul/')\n"
        "edition = AnnualReportPage.objects.get(year=2020)\n"
        "print(json.dumps({'edition': edition.pk, 'zuul': zuul.pk}))",
    )


def test_the_admin_policy_is_on_and_the_editor_chooser_and_preview_work(page, site, editor):
    watch = Watch(page)
    log_in(page, USER, PASSWORD)
    response = page.goto("/admin/")
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-eval'" not in policy
    ids = page_ids(site)

    # The page editor: rich text typed into Draftail reaches the form.
    page.goto(f"/admin/pages/{ids['zuul']}/edit/")
    body = page.locator("[data-draftail-editor] [role=textbox]").first
    expect(body).to_contain_text("Zuul")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(PHRASE)
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(PHRASE))

    # The live preview, in the side panel's frame, shows the unsaved text.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe[title='Preview']").last  # Wagtail swaps two frames
    expect(preview.get_by_text(PHRASE).first).to_be_visible(timeout=15_000)
    expect(preview.get_by_role("heading", level=1)).to_have_text("Zuul")

    # The image chooser, from the edition's cover image: upload one there and choose it.
    page.goto(f"/admin/pages/{ids['edition']}/edit/")
    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Choose an image")).to_be_visible()
    dialog.get_by_role("tab", name="Upload").click()
    dialog.locator("input[type=file]").set_input_files(
        {"name": "cover.png", "mimeType": "image/png", "buffer": small_png()}
    )
    dialog.get_by_label("Title").fill("Cover chosen under the policy")
    dialog.get_by_role("button", name="Upload").click()
    expect(dialog).to_be_hidden()
    chosen = page.locator("[data-chooser-title]").first
    expect(chosen).to_have_text("Cover chosen under the policy")

    assert watch.violations == []
    assert watch.errors == []
