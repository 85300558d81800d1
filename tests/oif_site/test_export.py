"""manage.py export_static: the public site as files that any server or bucket can serve,
complete (every link resolves), public only, and written again only where it changed."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from reports.models import AnnualReportPage, ProjectUpdatePage
from tests.oif_site.export_helpers import broken_links, exported_text, image_body
from tests.reports.factories import AnnualReportPageFactory, GeneralSectionPageFactory

pytestmark = pytest.mark.django_db

SITE_ROOT = "http://localhost"
MARKER = "zq7exportmarker"


def export(directory):
    out = StringIO()
    call_command("export_static", str(directory), stdout=out)
    return out.getvalue()


@pytest.fixture
def edition(db):
    return AnnualReportPage.objects.get(year=2020)


@pytest.fixture
def with_image(edition):
    """A section with an image, so that renditions are part of the export."""
    return GeneralSectionPageFactory(
        parent=edition, title="On stage", slug="on-stage", body=image_body("Keynotes.")
    )


def test_every_link_and_asset_of_the_export_resolves(tmp_path, with_image):
    out = export(tmp_path)
    assert "0 unchanged" in out
    broken, checked = broken_links(tmp_path, SITE_ROOT)
    assert broken == []
    assert checked > 1000
    for path in (
        "index.html",
        "404.html",
        "annual-reports/2020/index.html",
        "annual-reports/2020/on-stage/index.html",
        "annual-reports/2020/openinfra-annual-report-2020.pdf",
        "projects/zuul/index.html",
        "sitemap.xml",
        "robots.txt",
        "feeds/annual-reports.atom",
        "static/css/site.css",
        "static/fonts/source-serif-4-latin-400-normal.woff2",
    ):
        assert (tmp_path / path).is_file(), path
    assert (tmp_path / "annual-reports/2020/openinfra-annual-report-2020.pdf").read_bytes()[
        :5
    ] == b"%PDF-"
    renditions = sorted(p.name for p in (tmp_path / "media/images").iterdir())
    assert any(".width-800." in name for name in renditions), renditions
    page = (tmp_path / "annual-reports/2020/on-stage/index.html").read_text()
    assert 'srcset="/media/images/' in page
    assert (
        'href="/annual-reports/2020/openinfra-annual-report-2020.pdf"'
        in (tmp_path / "annual-reports/2020/index.html").read_text()
    )
    assert "Page not found" in (tmp_path / "404.html").read_text()


def test_drafts_private_pages_and_unreleased_editions_never_reach_the_export(tmp_path, edition):
    zuul = ProjectUpdatePage.objects.descendant_of(edition).get(slug="zuul")
    draft = zuul.get_latest_revision_as_object()
    draft.title = f"Zuul {MARKER} draft revision"
    draft.body = [("text", RichText(f"<p>{MARKER} in a draft revision</p>"))]
    draft.save_revision()
    GeneralSectionPageFactory(
        parent=edition,
        title=f"Never published {MARKER}",
        slug="never",
        publish=False,
        live=False,
        body=[("text", RichText(f"<p>{MARKER} never published</p>"))],
    )
    private = GeneralSectionPageFactory(
        parent=edition, title=f"Board only {MARKER}", slug="board-only", body=image_body(MARKER)
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="board"
    )
    unreleased = AnnualReportPageFactory(title=f"Next year {MARKER}", publish=False, live=False)
    GeneralSectionPageFactory(  # published on its own by mistake: its edition is not
        parent=unreleased, title=f"Early {MARKER}", slug="early", body=image_body(MARKER)
    )

    export(tmp_path)
    texts = exported_text(tmp_path)
    assert len(texts) > 50
    for path, text in texts.items():
        assert MARKER not in text, path
    assert not (tmp_path / "annual-reports/2020/board-only").exists()
    assert not (tmp_path / f"annual-reports/{unreleased.year}").exists()
    assert "Zuul" in (tmp_path / "annual-reports/2020/project-updates/zuul/index.html").read_text()
    # The private page's and the unreleased section's images were not exported either.
    assert not (tmp_path / "media").exists()


def test_a_second_export_writes_nothing_and_an_edit_rewrites_only_what_shows_it(tmp_path, edition):
    assert "0 unchanged, 0 removed" in export(tmp_path)
    assert " 0 written, " in export(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}

    kata = ProjectUpdatePage.objects.descendant_of(edition).get(slug="kata-containers")
    kata.body = [("text", RichText("<p>Kata Containers shipped a new release.</p>"))]
    kata.save_revision().publish()
    out = export(tmp_path)
    changed = {
        str(p.relative_to(tmp_path))
        for p in tmp_path.rglob("*")
        if p.is_file() and before.get(p) != p.stat().st_mtime_ns
    }
    kata_file = "annual-reports/2020/project-updates/kata-containers/index.html"
    assert kata_file in changed and "annual-reports/2020/index.html" in changed
    # The feed and sitemap date it; the manifest is rewritten each time; the new body has no key
    # figures, so the figures' data files of the edition, Kata and the site change. Nothing else.
    figures = [
        f"{folder}figures.{kind}"
        for folder in ("annual-reports/2020/", "projects/kata-containers/", "data/")
        for kind in ("csv", "json")
    ]
    assert changed <= {
        kata_file,
        "annual-reports/2020/index.html",
        "sitemap.xml",
        "feeds/annual-reports.atom",
        "projects/kata-containers/index.html",
        ".export-manifest.json",
        *figures,
    }, changed
    assert f" {len(changed) - 1} written, " in out
    assert "shipped a new release" in (tmp_path / kata_file).read_text()

    # Unpublished: gone from the export, and from every page that linked to it.
    kata.unpublish()
    out = export(tmp_path)
    assert "1 removed" in out
    assert not (tmp_path / kata_file).exists()
    assert broken_links(tmp_path, SITE_ROOT)[0] == []


def test_the_export_refuses_a_directory_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not written by export_static"):
        export(tmp_path)
    assert Path(tmp_path / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
