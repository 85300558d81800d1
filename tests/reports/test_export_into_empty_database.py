"""`export_edition` is the portable archive of an edition: every edition a site holds, exported,
loads into an empty database (migrated, nothing else), and exporting it again from there writes
the very same files, images included."""

from pathlib import Path

import pytest

from tests.browser.server import SiteServer

pytestmark = pytest.mark.stack

START_2021 = (
    "from reports.models import AnnualReportPage; "
    "from reports.next_edition import start_next_edition; "
    "start_next_edition(AnnualReportPage.objects.get(year=2020))"
)
YEARS = (
    "from reports.models import AnnualReportPage; "
    "print('YEARS', *AnnualReportPage.objects.order_by('year').values_list('year', flat=True))"
)


def export_all(site, folder):
    line = next(x for x in site.shell(YEARS).splitlines() if x.startswith("YEARS"))
    years = line.split()[1:]
    for year in years:
        site.manage("export_edition", year, str(folder / year / f"{year}.yaml"))
    return years


def files_of(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_every_exported_edition_loads_into_an_empty_database(tmp_path):
    source = SiteServer("archive-from").prepare()  # the 2020 edition, published
    empty = SiteServer("archive-into")
    try:
        # An image on a page and a draft over a published page, then the next edition, all drafts.
        source.shell("from tests.oif_site.site_state import add_content; add_content()")
        source.shell(START_2021)
        years = export_all(source, tmp_path / "first")
        assert years == ["2020", "2021"]

        empty.create_empty_database()  # on PostgreSQL, a new database beside DATABASE_URL's
        empty.manage("migrate", "--no-input")
        empty.manage("setup_site")
        for year in years:
            empty.manage("load_edition", str(tmp_path / "first" / year / f"{year}.yaml"))
        assert export_all(empty, tmp_path / "again") == years

        first, again = files_of(tmp_path / "first"), files_of(tmp_path / "again")
        assert any(Path(name).suffix in (".png", ".jpg", ".jpeg") for name in first)
        assert sorted(again) == sorted(first)
        for name, content in first.items():
            assert again[name] == content, name
    finally:
        source.stop()
        empty.stop()
