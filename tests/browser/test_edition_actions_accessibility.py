"""axe-core finds no violation on the whole-edition confirmation pages, as a Publisher sees
them: publishing a fresh edition (refused while the check lists its unchanged sections, then
once they are carried over on purpose), scheduling and cancelling its release, unpublishing a
live one and the "nothing to publish" page of an edition live as it is."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.security_helpers import log_in
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_reading import OLDER_YEAR, ensure_older_edition

PASSWORD = "pia-checks-confirmations"
SETUP = """
from django.contrib.auth.models import Group, User
from reports.models import AnnualReportPage
from reports.next_edition import start_next_edition
User.objects.create_user("pia", "pia@example.org", "{password}").groups.add(
    Group.objects.get(name="Publishers")
)
live = AnnualReportPage.objects.get(year=2020)
fresh = start_next_edition(live)
older = AnnualReportPage.objects.get(year={older_year})
print(live.pk, fresh.pk, older.pk)
"""
PUBLISHABLE = """
from reports.models import AnnualReportPage
from tests.reports.last_year import make_publishable
make_publishable(AnnualReportPage.objects.get(pk={pk}))
"""
RELEASE = """
import datetime
from django.utils import timezone
from reports.models import EditionRelease
release_at = timezone.now() + datetime.timedelta(days=2)
EditionRelease.objects.create(edition_id={pk}, release_at=release_at)
"""
TEARDOWN = """
from django.contrib.auth.models import User
from reports.models import AnnualReportPage
for edition in AnnualReportPage.objects.filter(year=2021):
    edition.delete()
User.objects.filter(username="pia").delete()
"""


@pytest.fixture(scope="module")
def editions(site):
    """(the live 2020 edition, a fresh 2021 one, the 2019 one live as loaded) and Pia the
    Publisher; all but 2019 gone afterwards. Other modules leave drafts in 2020 (never in
    2019), so 2019 is the edition with nothing to publish."""
    site.manage("setup_roles")
    ensure_older_edition(site)
    setup = SETUP.format(password=PASSWORD, older_year=OLDER_YEAR)
    live, fresh, older = site.shell(setup).strip().splitlines()[-1].split()
    yield int(live), int(fresh), int(older)
    site.shell(TEARDOWN)


@pytest.fixture
def publisher_page(browser, site):
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, "pia", PASSWORD)
    yield page
    context.close()


def assert_accessible(page, path, heading):
    response = page.goto(path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_the_confirmation_pages_have_no_axe_violation(site, editions, publisher_page):
    live, fresh, older = editions
    # Fresh from the copy, the check lists every section as last year's text: no confirmation.
    assert_accessible(publisher_page, f"/admin/editions/{fresh}/publish/", "Publish edition 2021")
    expect(
        publisher_page.get_by_text("Unchanged since the edition was copied").first
    ).to_be_visible()
    expect(publisher_page.get_by_role("button", name=re.compile("^Yes, publish"))).to_have_count(0)
    site.shell(PUBLISHABLE.format(pk=fresh))
    assert_accessible(publisher_page, f"/admin/editions/{fresh}/publish/", "Publish edition 2021")
    expect(publisher_page.locator("ul[data-group=first_time] > li")).to_have_count(32)
    assert_accessible(
        publisher_page,
        f"/admin/editions/{fresh}/schedule/",
        "Schedule the release of edition 2021",
    )
    site.shell(RELEASE.format(pk=fresh))
    assert_accessible(
        publisher_page,
        f"/admin/editions/{fresh}/cancel-release/",
        "Cancel the release of edition 2021",
    )
    assert_accessible(
        publisher_page, f"/admin/editions/{live}/unpublish/", "Unpublish edition 2020"
    )
    assert_accessible(
        publisher_page, f"/admin/editions/{older}/publish/", f"Publish edition {OLDER_YEAR}"
    )
    expect(publisher_page.get_by_text("Nothing to publish")).to_be_visible()
