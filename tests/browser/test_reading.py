"""A visitor reads the annual reports in a real browser: the production server, Debian's
Chromium, the 2020 edition and an older one (2019) to switch to."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.server import EDITION_2020

OLDER_YEAR = 2019
OLDER_TITLE = f"{OLDER_YEAR} OpenStack Foundation Annual Report"


def ensure_older_edition(site):
    """Load a 2019 edition (the 2020 source under another year and title) and run the queued
    background tasks as production's worker does: the search index is filled by those tasks.
    Loading is idempotent, so every module that needs it may call this."""
    source = EDITION_2020.read_text(encoding="utf-8")
    text = source.replace("  year: 2020\n", f"  year: {OLDER_YEAR}\n", 1).replace(
        "title: 2020 Open Infrastructure Foundation Annual Report", f"title: {OLDER_TITLE}", 1
    )
    assert text != source
    path = site.workdir / f"{OLDER_YEAR}.yaml"
    path.write_text(text, encoding="utf-8")
    site.manage("load_edition", str(path))
    site.manage("db_worker", "--batch", "--no-startup-delay")
    return site


@pytest.fixture(scope="module")
def editions(site):
    return ensure_older_edition(site)


# Every kind of page a visitor may land on, for the checks that apply to all of them.
PAGE_TYPES = {
    "home": "/",
    "archive": "/annual-reports/",
    "edition": "/annual-reports/2020/",
    "letter": "/annual-reports/2020/chairmans-note/",
    "chapter": "/annual-reports/2020/project-updates/",
    "project update": "/annual-reports/2020/project-updates/kata-containers/",
    "working-group update": "/annual-reports/2020/working-groups/interop/",
    "event": "/annual-reports/2020/event-highlights/open-infrastructure-summit/",
    "subsection": "/annual-reports/2020/community-highlights/students-in-openstack/"
    "oregon-state-university-internship/",
    "project index": "/projects/",
    "project profile": "/projects/kata-containers/",
    "working-group profile": "/working-groups/interop/",
    "search results": "/search/?q=3%2C016+commits",
    "not found": "/annual-reports/1999/",
}


def test_the_table_of_contents_jumps_to_its_section(page):
    page.goto("/annual-reports/2020/")
    heading = page.locator("#project-updates-zuul-title")
    expect(heading).not_to_be_in_viewport()
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Zuul").click()
    page.wait_for_url("**/annual-reports/2020/#project-updates-zuul")
    expect(heading).to_be_in_viewport()


def test_the_table_of_contents_marks_the_section_being_read(page):
    page.goto("/annual-reports/2020/")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Zuul").click()
    expect(contents.get_by_role("link", name="Zuul")).to_have_attribute("aria-current", "true")
    expect(contents.locator("a[aria-current]")).to_have_count(1)


def test_the_table_of_contents_stays_in_reach_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/annual-reports/2020/")
    contents = page.get_by_role("navigation", name="Contents")
    page.mouse.wheel(0, 9000)
    expect(contents).to_be_in_viewport()  # the bar sticks to the top while reading
    page.get_by_text("Contents", exact=True).click()
    contents.get_by_role("link", name="Zuul").click()
    page.wait_for_url("**/annual-reports/2020/#project-updates-zuul")
    expect(page.locator("#project-updates-zuul-title")).to_be_in_viewport()
    expect(contents.get_by_role("link", name="Zuul")).not_to_be_visible()  # closed after use


def test_a_shared_section_link_opens_at_the_section(page):
    page.goto("/annual-reports/2020/#project-updates-kata-containers")
    expect(page.locator("#project-updates-kata-containers-title")).to_be_in_viewport()
    permalink = page.locator("#project-updates-kata-containers a.permalink")
    expect(permalink).to_have_attribute("href", "#project-updates-kata-containers")


def test_footnotes_link_to_the_note_and_back(page):
    page.goto("/annual-reports/2020/project-updates/zuul/")
    page.locator("#project-updates-zuul-fnref-0").click()
    expect(page.locator("#project-updates-zuul-fn-0")).to_be_in_viewport()
    page.get_by_role("link", name="Back to reference 0").click()
    page.wait_for_url("**#project-updates-zuul-fnref-0")
    expect(page.locator("#project-updates-zuul-fnref-0")).to_be_in_viewport()


def test_a_section_page_leads_to_the_next_section(page):
    page.goto("/annual-reports/2020/project-updates/zuul/")
    page.get_by_role("link", name="Next OpenInfra Collaboration").click()
    page.wait_for_url("**/annual-reports/2020/openinfra-collaboration/")
    expect(page.get_by_role("heading", level=1)).to_have_text("OpenInfra Collaboration")
    page.get_by_role("link", name="Previous Zuul").click()
    page.wait_for_url("**/annual-reports/2020/project-updates/zuul/")


def test_back_to_top_works_without_javascript_too(browser, site):
    context = browser.new_context(base_url=site.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/annual-reports/2020/")
    page.get_by_role("link", name="Back to top").last.click()
    page.wait_for_url("**/annual-reports/2020/#top")
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    context.close()


def test_the_year_switch_leads_to_the_other_edition(page, editions):
    page.goto("/annual-reports/2020/")
    years = page.get_by_role("navigation", name="Other years")
    expect(years.get_by_role("link", name="2020")).to_have_attribute("aria-current", "page")
    years.get_by_role("link", name=str(OLDER_YEAR)).click()
    page.wait_for_url(f"**/annual-reports/{OLDER_YEAR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(OLDER_TITLE)
    years = page.get_by_role("navigation", name="Other years")
    expect(years.get_by_role("link", name=str(OLDER_YEAR))).to_have_attribute(
        "aria-current", "page"
    )
    years.get_by_role("link", name="2020").click()
    page.wait_for_url("**/annual-reports/2020/")


def test_the_archive_shows_every_edition_with_cover_and_summary(page, editions):
    page.goto("/annual-reports/")
    cards = page.locator(".card--edition")
    expect(cards.filter(has_text=OLDER_TITLE)).to_have_count(1)
    newest = cards.filter(has_text="2020 Open Infrastructure Foundation Annual Report")
    expect(newest.locator(".cover")).to_be_visible()
    expect(newest).to_contain_text("the year the OpenStack Foundation became the OpenInfra")


def test_search_finds_a_phrase_from_the_kata_section(page, editions):
    page.goto("/")
    page.get_by_role("searchbox", name="Search every report").fill("3,016 commits")
    page.get_by_role("searchbox", name="Search every report").press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=3%2C016\+commits"))
    result = page.locator(".result").filter(
        has=page.locator('a[href="/annual-reports/2020/project-updates/kata-containers/"]')
    )
    expect(result).to_have_count(1)
    expect(result.locator("mark").first).to_have_text("3,016")
    expect(result).to_contain_text("4 major releases with 3,016 commits made by 128 authors")
    result.get_by_role("link", name="Kata Containers 2020 Annual Report").click()
    page.wait_for_url("**/annual-reports/2020/project-updates/kata-containers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kata Containers 2020 Annual Report")


def test_a_profile_charts_its_key_figures_across_editions(page, editions):
    page.goto("/projects/kata-containers/")
    chart = page.get_by_role("img", name=re.compile("^commits"))
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Kata Containers: key figures by edition")
    expect(table.get_by_role("columnheader")).to_contain_text(["Figure", str(OLDER_YEAR), "2020"])
    expect(table.get_by_role("row", name=re.compile("^commits"))).to_contain_text("3,016")
    updates = page.get_by_role("region", name="Updates in the annual reports")
    expect(updates.get_by_role("link", name=re.compile("^Read the whole"))).to_have_count(2)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_page_scrolls_sideways_on_a_small_phone(page, editions, name):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(PAGE_TYPES[name])
    expect(page.locator("main h1")).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{name} is {widths[0]} px wide in a {widths[1]} px window"


def test_the_print_stylesheet_leaves_only_the_report(page):
    page.goto("/annual-reports/2020/")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Contents")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator("#project-updates-zuul-title")).to_be_visible()


def test_the_edition_page_stays_light(page):
    """Budgets of issue #4, as the browser receives them (uncompressed sizes)."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/annual-reports/2020/", wait_until="load")
    by_type = {}
    for response in responses:
        kind = response.request.resource_type
        by_type[kind] = by_type.get(kind, 0) + len(response.body())
    assert by_type["document"] < 150 * 1024
    assert by_type.get("stylesheet", 0) + by_type.get("script", 0) < 100 * 1024
    assert not [r.url for r in responses if not r.url.startswith(page.url.split("/annual")[0])]
