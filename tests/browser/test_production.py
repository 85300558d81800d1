"""Producing an edition in the real admin: assignments, the contributor's home, the board,
comments in place, and publication; with the clicks and page loads each person needed.

A Publisher starts 2021 and assigns the Zuul update to the Zuul team, due in 14 days; Zoe of
the team reaches her section's editor from her admin home, writes and submits; the Publisher
sees it move on the board, comments and asks for changes; Zoe resolves the comment and
resubmits; the Publisher approves, carries the untouched sections over on purpose and publishes
the edition, and a visitor reads it. One test: the state builds up.
"""

import datetime
import json
import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.browser import test_admin_workflow as walk_through
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_admin_workflow import USERS, section_row

# The same people, and a browser of each one's own, as in the admin walk-through.
staff_accounts = walk_through.staff_accounts
new_browser = walk_through.new_browser
EDITION_2020 = "2020 Open Infrastructure Foundation Annual Report"

PHRASE = "Zuul flew to the moon in 2021."
BRIEF = "300-600 words; your three headline figures; one photo with alt text."
COMMENT = "Which moon? Please name it."
SITE_NAME = "OpenInfra Foundation Annual Report"
EXPLORER = re.compile(r"/admin/pages/\d+/$")


class Person:
    """One person at their own browser, counting their clicks and page loads."""

    def __init__(self, page, name):
        self.page, self.name = page, name
        self.counts = Counter()
        page.on("load", lambda _page: self.counts.update(["page loads"]))

    def click(self, locator, **kwargs):
        self.counts["clicks"] += 1
        locator.click(**kwargs)

    def select(self, locator, label):
        self.counts["clicks"] += 1
        locator.select_option(label=label)

    def log_in(self, username):
        self.page.goto("/admin/")
        expect(self.page).to_have_url(re.compile(r"/admin/login/"))
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(USERS[username]["password"])
        self.click(self.page.get_by_role("button", name="Sign in"))
        expect(self.page).to_have_url(re.compile(r"/admin/$"))

    def report(self):
        clicks, loads = self.counts["clicks"], self.counts["page loads"]
        return f"{self.name}: {clicks} clicks, {loads} page loads"


def assert_axe_clean(page, what):
    violations = axe_violations(page)
    assert violations == [], f"{what}: " + json.dumps(violations, indent=2)


def cell(page, title, column):
    return section_row(page, title).get_by_role("cell").nth(column)


@pytest.fixture
def patient():
    """The admin's pages load their scripts slowly on a loaded machine: wait up to 30 s."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


def test_a_section_goes_from_assignment_to_publication(site, staff_accounts, new_browser, patient):
    due = datetime.date.today() + datetime.timedelta(days=14)

    # The publisher starts 2021 and assigns the Zuul update to the Zuul team.
    pat = Person(new_browser(), "Pat (Publisher)")
    pat.log_in("pat")
    pat.click(pat.page.get_by_role("link", name="Editions"))
    pat.click(pat.page.get_by_role("link", name=EDITION_2020))
    pat.click(pat.page.get_by_role("button", name="Start the 2021 edition"))
    expect(pat.page.get_by_role("heading", level=1)).to_have_text("Edition 2021")
    dashboard = pat.page.url
    pat.click(pat.page.get_by_role("link", name="Assign sections"))
    pat.select(pat.page.get_by_label("Group for Zuul · 2021"), "Zuul team")
    pat.page.get_by_label("Due date for Zuul · 2021").fill(due.isoformat())
    pat.page.get_by_label("Brief for Zuul · 2021").fill(BRIEF)
    pat.click(pat.page.get_by_role("button", name="Save the assignments"))
    expect(pat.page.get_by_role("status")).to_contain_text("1 assignment saved.")
    expect(cell(pat.page, "Zuul", 1)).to_have_text("Not started")
    expect(cell(pat.page, "Zuul", 3)).to_have_text("Zuul team")
    expect(cell(pat.page, "Zuul", 4)).to_have_text(due.isoformat())
    assert_axe_clean(pat.page, "the production board")

    # Zoe logs in: her section is first on her home, one click from its editor.
    zoe = Person(new_browser(), "Zoe (Zuul team)")
    zoe.log_in("zoe")
    yours = zoe.page.get_by_role("region", name="Your sections")
    expect(yours).to_contain_text("Zuul")
    expect(yours).to_contain_text(BRIEF)
    expect(yours).to_contain_text("Not started")
    expect(zoe.page.get_by_text("Pages created in")).to_have_count(0)
    # The admin home is titled with the site's name (setup_site), not "localhost".
    expect(zoe.page.get_by_role("heading", level=1)).to_have_text(SITE_NAME)
    assert_axe_clean(zoe.page, "the contributor's home")
    zoe.click(yours.get_by_role("link", name="Edit Zuul (2021)"))
    expect(zoe.page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    to_editor = zoe.counts["clicks"]
    body = zoe.page.locator("[data-draftail-editor] [role=textbox]").first
    expect(body).to_contain_text("Zuul is an open source CI/CD platform")
    body.click()
    zoe.page.keyboard.press("Control+End")
    zoe.page.keyboard.press("Enter")
    zoe.page.keyboard.type(PHRASE)
    expect(zoe.page.locator("input[name='body-0-value']")).to_have_value(
        re.compile(re.escape(PHRASE))
    )
    actions = zoe.page.get_by_role("navigation", name="Actions (footer)")
    zoe.click(actions.get_by_role("button", name="More actions"))
    zoe.click(actions.get_by_role("button", name="Submit to Edition review"))
    expect(zoe.page.get_by_text("has been submitted for moderation")).to_be_visible()

    # The publisher sees it move on the board, comments in place and asks for changes.
    pat.page.goto(dashboard)
    expect(cell(pat.page, "Zuul", 1)).to_have_text("In review")
    pat.click(section_row(pat.page, "Zuul").get_by_role("link", name="Zuul", exact=True))
    title = pat.page.locator('.w-field[data-contentpath="title"]')
    title.hover()
    pat.click(title.get_by_role("button", name="Add comment"))
    pat.page.get_by_placeholder("Enter your comments...").fill(COMMENT)
    pat.click(pat.page.get_by_role("button", name="Comment", exact=True))
    # The editor autosaves the comment; requesting changes before its answer came back would
    # send the comment a second time, as new.
    saved_comments = pat.page.locator("input[name='comments-INITIAL_FORMS']")
    expect(saved_comments).to_have_value("1")
    actions = pat.page.get_by_role("navigation", name="Actions (footer)")
    pat.click(actions.get_by_role("button", name="More actions"))
    pat.click(actions.get_by_role("button", name="Request changes"))
    dialog = pat.page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("See my comment on the title.")
    pat.click(dialog.get_by_role("button", name="Request changes"))
    pat.page.wait_for_url(EXPLORER)  # a workflow action returns to the page's siblings
    pat.page.goto(dashboard)
    expect(cell(pat.page, "Zuul", 1)).to_have_text("Changes requested")
    expect(cell(pat.page, "Zuul", 5)).to_have_text("1 open")
    expect(pat.page.get_by_text("1 unresolved comment.")).to_be_visible()

    # Zoe finds the requested changes on her home, one click from the editor, resolves the
    # comment in place and resubmits.
    zoe.page.goto("/admin/")
    yours = zoe.page.get_by_role("region", name="Your sections")
    expect(yours).to_contain_text("Changes requested")
    zoe.click(yours.get_by_role("link", name="Edit Zuul (2021)"))
    expect(zoe.page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    comment = zoe.page.locator(".comment").filter(has_text=COMMENT)
    if not comment.is_visible():
        zoe.click(zoe.page.get_by_role("button", name="Toggle comments"))
    expect(comment).to_be_visible()
    zoe.click(comment.get_by_role("button", name="More actions"))
    zoe.click(comment.get_by_role("menuitem", name="Resolve"))
    expect(comment).to_have_count(0)
    actions = zoe.page.get_by_role("navigation", name="Actions (footer)")
    zoe.click(actions.get_by_role("button", name="More actions"))
    zoe.click(actions.get_by_role("button", name="Resubmit to Publisher approval"))
    expect(zoe.page.get_by_text("has been submitted for moderation")).to_be_visible()

    # The publisher sees the comment resolved and the section back in review, approves it
    # and publishes the edition: nothing blocks it any more.
    pat.page.goto(dashboard)
    expect(cell(pat.page, "Zuul", 1)).to_have_text("In review")
    expect(cell(pat.page, "Zuul", 5)).to_have_text("")
    expect(pat.page.get_by_text("unresolved comment")).to_have_count(0)
    # Approved from the admin home's review list: an editor left open would autosave a new
    # draft after the approval (seen on PostgreSQL: the board then rightly says "Draft").
    pat.page.goto("/admin/")
    review = pat.page.get_by_role("region", name="Awaiting your review")
    task = section_row(pat.page, "Zuul · 2021", within=review)  # the admin display title
    pat.click(task.get_by_role("button", name="Actions"))
    pat.click(task.get_by_role("button", name="Approve", exact=True))
    expect(section_row(pat.page, "Zuul · 2021", within=review)).to_have_count(0)
    pat.page.goto(dashboard)
    expect(cell(pat.page, "Zuul", 1)).to_have_text("Approved")
    # The check still lists the 30 sections nobody updated since the copy; the Publisher
    # carries them over on purpose and rewrites the edition's description (which named 2020).
    expect(pat.page.get_by_text("30 sections still unchanged")).to_be_visible()
    walk_through.carry_over_the_rest_of_2021(site)
    pat.page.reload()
    expect(pat.page.get_by_text("still unchanged")).to_have_count(0)
    # Publishing asks first: the header action leads to the confirmation page.
    header = pat.page.get_by_role("navigation", name="Actions", exact=True)
    pat.click(header.get_by_role("link", name="Publish edition"))
    pat.click(pat.page.get_by_role("button", name=re.compile(r"^Yes, publish \d+ pages?$")))
    expect(pat.page.get_by_role("status")).to_contain_text(
        re.compile(r"Edition 2021 is live: \d+ pages? published")
    )
    expect(cell(pat.page, "Zuul", 1)).to_have_text("Live")

    # Zoe's home says so; a visitor reads her words.
    zoe.page.goto("/admin/")
    expect(zoe.page.get_by_role("region", name="Your sections")).to_contain_text("Live")
    reader = new_browser()
    assert reader.goto("/annual-reports/2021/project-updates/zuul/").status == 200
    expect(reader.get_by_text(PHRASE)).to_be_visible()
    expect(reader.get_by_text(BRIEF)).to_have_count(0)

    print()
    print(pat.report())
    print(zoe.report())
    print(f"Zoe from login to her section's editor: {to_editor} clicks")
    assert to_editor <= 3
