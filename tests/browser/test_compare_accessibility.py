"""Compare with last year, in the real admin: axe-core finds no violation on the comparison
view, and the edited paragraph is the one marked as changed."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.security_helpers import log_in
from tests.browser.test_accessibility import axe_violations

PASSWORD = "compares-years-2026"
SETUP = """
import json
from django.contrib.auth.models import User
from reports.models import AnnualReportPage, ProjectUpdatePage, SectionOrigin
from reports.next_edition import start_next_edition
User.objects.filter(username="cmp").delete()
User.objects.create_superuser("cmp", "cmp@example.org", {password!r})
edition = AnnualReportPage.objects.filter(
    pk__in=SectionOrigin.objects.values("page_id")
).order_by("-year").first()
created = edition is None
if created:
    edition = start_next_edition(AnnualReportPage.objects.order_by("-year").first())
zuul = ProjectUpdatePage.objects.descendant_of(edition).get(slug="zuul")
version = zuul.get_latest_revision_as_object()
body = [dict(block) for block in version.body.raw_data]
body[0]["value"] = body[0]["value"].replace("</p>", " Marker 9q2 of this year.</p>", 1)
version.body = body
version.save_revision()
print(json.dumps({{"zuul": zuul.pk, "edition": edition.pk, "created": created,
                  "year": edition.year}}))
"""
TEARDOWN = """
from django.contrib.auth.models import User
from wagtail.models import Page
User.objects.filter(username="cmp").delete()
if {created}:
    Page.objects.get(pk={edition}).delete()
"""


@pytest.fixture
def comparison(browser, site):
    made = json.loads(site.shell(SETUP.format(password=PASSWORD)).strip().splitlines()[-1])
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, "cmp", PASSWORD)
    yield page, made
    context.close()
    site.shell(TEARDOWN.format(**made))


def test_the_comparison_view_has_no_axe_violation(comparison):
    page, made = comparison
    previous = made["year"] - 1
    page.goto(f"/admin/editions/compare/{made['zuul']}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Compare with {previous}")
    changed = page.locator('[data-field="body"][data-changed="yes"] .addition')
    expect(changed.first).to_contain_text("Marker")
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)
