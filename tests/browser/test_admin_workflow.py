"""Staff walk the real Wagtail admin through a year's edition, from start to publication.

A publisher starts the 2021 edition from 2020's dashboard, the Zuul team edits and submits
its project update, the publisher approves it, previews the whole edition and publishes it,
through its confirmation page, a visitor reads it, and the publisher unpublishes it again.
The state builds up step by step, so this is one test.
"""

import json
import re

import pytest
from playwright.sync_api import expect

PHRASE = "Zuul went to space in 2021."
EDITION = "2021 Open Infrastructure Foundation Annual Report"
USERS = {
    "pat": {"password": "pat-publishes-2021", "group": "Publishers", "name": ("Pat", "Publisher")},
    "zoe": {"password": "zoe-edits-zuul-2021", "group": "Zuul team", "name": ("Zoe", "Zuul")},
}


def shell_json(site, code):
    """Run `code` against the server's database; it prints one line of JSON, last."""
    return json.loads(site.shell(code).strip().splitlines()[-1])


@pytest.fixture
def new_browser(browser, site):
    """A browser of one's own (cookies and all), as each person at their own desk."""
    contexts = []

    def new_page():
        context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 800})
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def log_in(page, username):
    """Through the admin's login form, as staff do."""
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(USERS[username]["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


@pytest.fixture
def staff_accounts(site):
    """Pat the publisher and Zoe of the Zuul team. The server is shared with other modules
    that expect only the editions they load: the 2021 edition goes when the test is done."""
    site.manage("setup_roles")
    site.shell(
        "from django.contrib.auth.models import Group, User\n"
        f"for username, user in {USERS!r}.items():\n"
        "    first, last = user['name']\n"
        "    account = User.objects.create_user(\n"
        "        username, f'{username}@example.org', user['password'],\n"
        "        first_name=first, last_name=last,\n"
        "    )\n"
        "    account.groups.add(Group.objects.get(name=user['group']))\n"
    )
    yield
    site.shell(
        "from django.contrib.auth.models import User\n"
        "from reports.models import AnnualReportPage\n"
        "for edition in AnnualReportPage.objects.filter(year=2021):\n"
        "    edition.delete()\n"
        f"User.objects.filter(username__in={list(USERS)!r}).delete()\n"
    )
    site.reload()  # the next module's readers must not get this test's 2021 pages


def zoe_may_edit_the_2021_zuul_update(site):
    """The copy carried the team's rights over: no need to run setup_roles again."""
    return shell_json(
        site,
        "import json\n"
        "from django.contrib.auth.models import User\n"
        "from reports.models import ProjectUpdatePage\n"
        "zoe = User.objects.get(username='zoe')\n"
        "update = ProjectUpdatePage.objects.get(url_path__contains='/2021/project-updates/zuul/')\n"
        "rights = update.permissions_for_user(zoe)\n"
        "print(json.dumps({'edit': rights.can_edit(), 'publish': rights.can_publish()}))\n",
    )


def zuul_owners(site):
    """Who owns the 2020 and the 2021 Zuul updates (usernames; None for the 2021 copy that
    does not exist yet)."""
    return shell_json(
        site,
        "import json\n"
        "from reports.models import ProjectUpdatePage\n"
        "owners = []\n"
        "for year in (2020, 2021):\n"
        "    page = ProjectUpdatePage.objects.filter(\n"
        "        url_path__contains=f'/{year}/project-updates/zuul/').first()\n"
        "    owners.append(page.owner.username if page and page.owner else None)\n"
        "print(json.dumps(owners))\n",
    )


def carry_over_the_rest_of_2021(site):
    """Pat marks every 2021 section still as copied "carried over on purpose" and rewrites
    the edition's texts that named 2020 (what the dashboard's buttons do, all at once)."""
    site.shell(
        "from django.contrib.auth.models import User\n"
        "from reports.models import AnnualReportPage\n"
        "from tests.reports.last_year import make_publishable\n"
        "pat = User.objects.get(username='pat')\n"
        "make_publishable(AnnualReportPage.objects.get(year=2021), pat)\n"
    )


def draft_titles_of_2021(site):
    """The titles of the 2021 edition's pages, in reading order, as the admin lists them."""
    return shell_json(
        site,
        "import json\n"
        "from wagtail.models import Page\n"
        "from reports.models import AnnualReportPage\n"
        "edition = AnnualReportPage.objects.get(year=2021)\n"
        "pages = Page.objects.descendant_of(edition, inclusive=True).order_by('path')\n"
        "print(json.dumps([p.draft_title for p in pages]))\n",
    )


def section_row(page, title, within=None):
    """The table row whose title links to `title`."""
    link = page.get_by_role("link", name=title, exact=True)
    return (within or page).get_by_role("row").filter(has=link)


def test_staff_take_the_2021_edition_from_start_to_publication(site, staff_accounts, new_browser):
    reader = new_browser()

    # Zoe wrote last year's Zuul update: she owns it.
    site.shell(
        "from django.contrib.auth.models import User\n"
        "from reports.models import ProjectUpdatePage\n"
        "ProjectUpdatePage.objects.filter(url_path__contains='/2020/project-updates/zuul/')"
        ".update(owner=User.objects.get(username='zoe'))\n"
    )

    # The publisher starts 2021 from 2020's dashboard: the whole edition, as drafts.
    pat = log_in(new_browser(), "pat")
    pat.get_by_role("link", name="Editions").click()
    expect(pat.get_by_role("heading", level=1)).to_have_text("Editions")
    pat.get_by_role("link", name="2020 Open Infrastructure Foundation Annual Report").click()
    pat.get_by_role("button", name="Start the 2021 edition").click()
    expect(pat.get_by_role("heading", level=1)).to_have_text("Edition 2021")
    expect(pat.get_by_role("status")).to_contain_text("The 2021 edition is ready as drafts")
    expect(pat.get_by_role("heading", name=EDITION)).to_be_visible()
    expect(pat.get_by_text("The edition is not published")).to_be_visible()
    expect(section_row(pat, "Zuul").get_by_role("cell").nth(1)).to_have_text("Draft")
    dashboard_2021 = pat.url
    assert zoe_may_edit_the_2021_zuul_update(site) == {"edit": True, "publish": False}
    assert reader.goto("/annual-reports/2021/").status == 404
    # The copy is Zoe's, as last year's update was, not the Publisher's who clicked.
    assert zuul_owners(site) == ["zoe", "zoe"]

    # Fresh from the copy, the check lists every section as last year's text, and publishing
    # is refused: the confirmation page offers no way to go on.
    header = pat.get_by_role("navigation", name="Actions", exact=True)
    header.get_by_role("link", name="Publish edition").click()
    expect(pat.get_by_role("heading", level=1)).to_have_text("Publish edition 2021")
    sections = len(draft_titles_of_2021(site)) - 1  # every page but the edition's own
    expect(pat.get_by_text("Unchanged since the edition was copied")).to_have_count(sections)
    expect(pat.get_by_role("button", name=re.compile("^Yes, publish"))).to_have_count(0)
    pat.goto(dashboard_2021)

    # The admin search names each Zuul update with its edition's year.
    site.manage("update_index")  # the worker's job after a copy; none runs beside this server
    pat.goto("/admin/pages/search/?q=Zuul")
    expect(pat.get_by_role("link", name="Zuul · 2020", exact=True)).to_be_visible()
    expect(pat.get_by_role("link", name="Zuul · 2021", exact=True)).to_be_visible()
    pat.goto(dashboard_2021)

    # The Zuul team finds its update in the page explorer, edits it and submits it.
    zoe = log_in(new_browser(), "zoe")
    # (A project team's home has no site-wide summary: it opens the page explorer itself.)
    zoe.goto("/admin/pages/")
    zoe.get_by_role("link", name=EDITION).click()
    zoe.get_by_role("link", name="OpenInfra Foundation Project Updates").click()
    # Two editions hold a "Zuul": the admin names each with its year (get_admin_display_title).
    zoe.get_by_role("link", name="Zuul · 2021", exact=True).click()
    expect(zoe).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    body = zoe.locator("[data-draftail-editor] [role=textbox]").first
    expect(body).to_contain_text("Zuul is an open source CI/CD platform")
    body.click()
    zoe.keyboard.press("Control+End")
    zoe.keyboard.press("Enter")
    zoe.keyboard.type(PHRASE)
    expect(body).to_contain_text(PHRASE)
    # Draftail copies the text into the form a moment (250 ms) after the last keystroke.
    saved = zoe.locator("input[name='body-0-value']")
    expect(saved).to_have_value(re.compile(re.escape(PHRASE)))
    actions = zoe.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    expect(actions.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    actions.get_by_role("button", name="Submit to Edition review").click()
    expect(zoe.get_by_text("Page 'Zuul · 2021' has been submitted for moderation.")).to_be_visible()

    # The publisher sees it in review; its editor offers approval but no publishing, and the
    # publisher approves it from the admin's dashboard.
    pat.goto(dashboard_2021)
    expect(section_row(pat, "Zuul").get_by_role("cell").nth(1)).to_have_text("In review")
    section_row(pat, "Zuul").get_by_role("link", name="Zuul", exact=True).click()
    actions = pat.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    approvals = actions.get_by_role("button", name=re.compile("^Approve"))
    expect(approvals).to_have_count(2)
    approval_labels = approvals.all_inner_texts()
    expect(actions.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    pat.goto("/admin/")
    review = pat.get_by_role("region", name="Awaiting your review")
    task = section_row(pat, "Zuul · 2021", within=review)
    expect(task).to_contain_text("Zoe Zuul")
    task.get_by_role("button", name="Actions").click()
    task.get_by_role("button", name="Approve with comment").click()
    dialog = pat.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("Lovely, thank you Zoe.")
    dialog.get_by_role("button", name="Approve with comment").click()
    expect(review).to_have_count(0)

    # Approval publishes nothing by itself: the edition goes live whole, from its dashboard.
    assert reader.goto("/annual-reports/2021/project-updates/zuul/").status == 404
    pat.get_by_role("link", name="Editions").click()
    pat.get_by_role("link", name=EDITION).click()
    zuul = section_row(pat, "Zuul")
    expect(zuul.get_by_role("cell").nth(1)).to_have_text("Approved")
    expect(zuul.get_by_role("cell").nth(2)).to_contain_text("by Zoe Zuul")

    # The preview shows the whole edition as it will be, the drafts marked as such.
    with pat.context.expect_page() as opened:
        pat.get_by_role("link", name="Preview the whole edition").click()
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(EDITION)
    section = preview.locator("#project-updates-zuul")
    expect(section.get_by_text(PHRASE)).to_be_visible()
    expect(section.locator(".draft-badge")).to_have_text("Draft: not published yet")
    preview.close()

    # The check lists every section nobody updated since the copy: only Zuul is new.
    pat.reload()
    expect(pat.get_by_text("30 sections still unchanged")).to_be_visible()
    # Zuul beside last year's: the team's words are the change, the rest is as it was.
    section_row(pat, "Zuul").get_by_role("link", name=re.compile("Compare with 2020")).click()
    expect(pat.get_by_role("heading", level=1)).to_contain_text("Compare with 2020")
    expect(pat.locator('[data-field="body"][data-changed="yes"] .addition').first).to_be_visible()
    expect(pat.locator('[data-field="title"][data-changed="no"]')).to_have_count(1)
    pat.go_back()
    # The Publisher carries the others over on purpose (one by hand here) and rewrites the
    # edition's description, which still named 2020.
    note = section_row(pat, "Chairman’s Note")
    note.get_by_role("button", name=re.compile("Carried over on purpose")).click()
    expect(section_row(pat, "Chairman’s Note")).to_contain_text("Carried over on purpose by Pat")
    carry_over_the_rest_of_2021(site)
    pat.reload()
    # Publishing asks first, at the top of the dashboard: the confirmation page lists exactly
    # the pages that change (every page of a fresh edition, for the first time).
    header = pat.get_by_role("navigation", name="Actions", exact=True)
    header.get_by_role("link", name="Publish edition").click()
    expect(pat.get_by_role("heading", level=1)).to_have_text("Publish edition 2021")
    assert reader.goto("/annual-reports/2021/").status == 404, "opening the page publishes nothing"
    first_time = pat.locator("ul[data-group=first_time] > li")
    expect(first_time).to_have_text(draft_titles_of_2021(site))
    expect(pat.locator("ul[data-group=changed], ul[data-group=unchanged]")).to_have_count(0)
    pat.get_by_role("button", name="Yes, publish 32 pages").click()
    expect(pat.get_by_role("status")).to_contain_text(
        "Edition 2021 is live: 32 pages published "
        "(32 for the first time, 0 with new changes; 0 unchanged)."
    )
    expect(pat.get_by_text("The edition is live.")).to_be_visible()
    expect(section_row(pat, "Zuul").get_by_role("cell").nth(1)).to_have_text("Live")
    # Live and unchanged: nothing to publish, so no publish button.
    expect(header.get_by_role("link")).to_have_text(["Unpublish edition"])

    # A visitor reads it, the whole edition and the Zuul update on its own page.
    response = reader.goto("/annual-reports/2021/")
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(EDITION)
    expect(reader.locator("#project-updates-zuul").get_by_text(PHRASE)).to_be_visible()
    expect(reader.locator(".draft-badge")).to_have_count(0)
    response = reader.goto("/annual-reports/2021/project-updates/zuul/")
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text("Zuul")
    expect(reader.get_by_text(PHRASE)).to_be_visible()

    # Unpublishing asks too, and lists every page it takes offline.
    header.get_by_role("link", name="Unpublish edition").click()
    expect(pat.get_by_role("heading", level=1)).to_have_text("Unpublish edition 2021")
    expect(pat.locator("ul[data-group=offline] > li")).to_have_text(draft_titles_of_2021(site))
    pat.get_by_role("button", name="Yes, take 32 pages offline").click()
    expect(pat.get_by_role("status")).to_contain_text(
        "Edition 2021 is offline: 32 pages taken offline; their content stays as drafts."
    )
    # The reader's browser may keep the page it saw for a minute (PAGE_CACHE_BROWSER_SECONDS):
    # a visitor arriving now is the one who must get the 404.
    assert new_browser().goto("/annual-reports/2021/").status == 404

    # Approving a section of an unreleased edition publishes nothing (reports/workflows.py):
    # the editor must not promise that it does. Checked last, so the walk above runs whole.
    assert not [label for label in approval_labels if "Publish" in label], approval_labels
