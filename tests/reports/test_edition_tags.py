"""The year switch lists the live, public editions only, the current one marked."""

import pytest

from reports.models import AnnualReportPage
from reports.templatetags.edition_tags import edition_years

pytestmark = pytest.mark.django_db


def test_the_year_switch_lists_live_editions_newest_first(draft_edition):
    edition_2020 = AnnualReportPage.objects.get(year=2020)
    years = edition_years(edition_2020)
    assert [y["year"] for y in years] == [2020]  # 2021 is a draft: not offered
    assert years[0]["current"]
    draft_edition.save_revision().publish()
    assert [y["year"] for y in edition_years(edition_2020)] == [2021, 2020]
