"""A visitor reads the 2020 edition in a real browser."""

from playwright.sync_api import expect


def test_the_table_of_contents_jumps_to_its_section(page):
    page.goto("/annual-reports/2020/")
    heading = page.locator("#project-updates-zuul-title")
    expect(heading).not_to_be_in_viewport()
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Zuul").click()
    page.wait_for_url("**/annual-reports/2020/#project-updates-zuul")
    expect(heading).to_be_in_viewport()


def test_a_section_page_leads_to_the_next_section(page):
    page.goto("/annual-reports/2020/project-updates/zuul/")
    page.get_by_role("link", name="Next OpenInfra Collaboration").click()
    page.wait_for_url("**/annual-reports/2020/openinfra-collaboration/")
    expect(page.get_by_role("heading", level=1)).to_have_text("OpenInfra Collaboration")
