from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITION_2020 = ROOT / "content" / "editions" / "2020.yaml"
JAPANESE_2020 = ROOT / "content" / "editions" / "2020.ja.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "000_9282d407df14c239.txt"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the site structure and the 2020 edition, as `make run`."""
    from oif_site.site_setup import ensure_site_structure
    from reports.sources.load import load_edition

    with django_db_blocker.unblock():
        ensure_site_structure()
        load_edition(EDITION_2020)


@pytest.fixture(scope="module")
def japanese_2020(django_db_setup, django_db_blocker):
    """The Japanese 2020 edition for a whole module (`pytest.mark.usefixtures`): loaded once in
    an outer transaction, which each test's own rolls back to and which is rolled back after
    the module. Loading it takes seconds; a test that needs it asks for `ja_2020`."""
    from django.db import transaction

    from reports.sources.translations import load_translation

    with django_db_blocker.unblock(), transaction.atomic():
        load_translation(JAPANESE_2020)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def ja_2020(japanese_2020, db):
    from reports.models import AnnualReportPage

    return AnnualReportPage.objects.get(year=2020, locale__language_code="ja")


@pytest.fixture(autouse=True)
def empty_caches():
    """The page cache outlives a test's rolled-back transaction: each test starts empty."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def keep_2020_pdf(db):
    """For tests that run on-commit callbacks of a 2020 publication: they delete the stored
    PDF that the rolled-back database still points at, so the file is put back afterwards."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from reports.models import EditionPDF

    pdf = EditionPDF.objects.filter(edition__year=2020).first()
    kept = None
    if pdf is not None and default_storage.exists(pdf.file.name):
        with default_storage.open(pdf.file.name) as handle:
            kept = (pdf.file.name, handle.read())
    yield
    if kept and not default_storage.exists(kept[0]):
        default_storage.save(kept[0], ContentFile(kept[1]))
