"""Everyone can read the reports: axe-core finds no violation (of any impact, best practices
included) on each kind of page at a phone's and a desktop's width, and the site works with
the keyboard alone. axe-core comes from the npm package (package.json; `make test` installs
it): a missing package fails these tests, it never skips them."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_reading import ensure_older_edition

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

PAGES = {
    "home": "/",
    "archive": "/annual-reports/",
    "edition": "/annual-reports/2020/",
    "section": "/annual-reports/2020/project-updates/zuul/",
    "project profile": "/projects/kata-containers/",
    "search results": "/search/?q=3%2C016+commits",
    "not found": "/this-page-does-not-exist/",
}
WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture(scope="module")
def editions(site):
    return ensure_older_edition(site)


def axe_violations(page):
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)"
    # Evaluated by the browser's debugger, not as a <script> tag the site's policy would block.
    page.evaluate(AXE.read_text() + "\n;undefined")
    # A message still sliding in has blended colours: axe would judge its contrast mid-fade.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every(el => getComputedStyle(el).opacity === '1')",
        timeout=15_000,
    )
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)))"""
    )
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(browser, site, editions, name, width):
    context = browser.new_context(
        base_url=site.url, viewport={"width": WIDTHS[width], "height": 800}
    )
    page = context.new_page()
    response = page.goto(PAGES[name])
    assert response.status == (404 if name == "not found" else 200)
    violations = axe_violations(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=2)


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                id: el.id, tag: el.tagName, text: (el.textContent || "").trim(),
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
            };
        }"""
    )


def tab_to(page, predicate, limit=120):
    """Press Tab until the focused element satisfies `predicate`; the element's description."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError("never reached with Tab")


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page):
    page.goto("/annual-reports/2020/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Skip to content"
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"


@pytest.mark.parametrize("path", ["/", "/annual-reports/2020/", "/projects/zuul/"])
def test_focus_is_visible_on_every_control(page, path):
    page.goto(path)
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] in {"A", "BUTTON", "INPUT", "SUMMARY"}:
            seen += 1
            assert element["outline"] != "none" and element["outlineWidth"] >= 2, element
    assert seen >= 10


def test_the_table_of_contents_works_with_the_keyboard(page):
    page.goto("/annual-reports/2020/")
    tab_to(page, lambda el: el["tag"] == "A" and el["text"] == "Zuul")
    page.keyboard.press("Enter")
    page.wait_for_url("**/annual-reports/2020/#project-updates-zuul")
    expect(page.locator("#project-updates-zuul-title")).to_be_in_viewport()


def test_the_phone_menu_and_contents_work_with_the_keyboard(page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/annual-reports/2020/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Projects")).to_be_hidden()
    tab_to(page, lambda el: el["tag"] == "SUMMARY" and el["text"] == "Menu")
    page.keyboard.press("Enter")
    expect(menu.get_by_role("link", name="Projects")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Projects")).to_be_hidden()
    assert focused(page)["text"] == "Menu"

    tab_to(page, lambda el: el["tag"] == "SUMMARY" and el["text"].startswith("Contents"))
    page.keyboard.press("Enter")
    tab_to(page, lambda el: el["tag"] == "A" and el["text"] == "Zuul")
    page.keyboard.press("Enter")
    page.wait_for_url("**/annual-reports/2020/#project-updates-zuul")
    expect(page.locator("#project-updates-zuul-title")).to_be_in_viewport()


def test_headings_of_the_edition_never_skip_a_level(page):
    page.goto("/annual-reports/2020/")
    levels = page.evaluate(
        "[...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]"
        ".map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert skips == []
    assert len(levels) > 40


@pytest.mark.parametrize("path", list(PAGES.values()))
def test_every_page_says_its_language(page, path):
    page.goto(path)
    assert page.evaluate("document.documentElement.lang") == "en"
