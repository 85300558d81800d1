"""Image blocks in an edition source: loaded into Wagtail images, exported with their files,
and a missing file named in the error."""

import pytest
from wagtail.images import get_image_model

from reports.models import AnnualReportPage, LetterPage
from reports.sources.export import export_edition
from reports.sources.load import load_edition
from reports.sources.yaml_io import SourceError
from tests.reports.helpers import (
    YEAR,
    db_snapshot,
    find_section,
    source_data,
    write_png,
    write_source,
)

pytestmark = pytest.mark.django_db


def image_source(tmp_path, with_file=True):
    """A copy of the source whose Chairman's Note ends with an image: (path, png bytes)."""
    data = source_data()
    find_section(data["sections"], "chairmans-note")["body"].append(
        {"image": {"file": "images/x.png", "alt_text": "A red rectangle", "caption": "Our logo"}}
    )
    png = write_png(tmp_path / "images" / "x.png").read_bytes() if with_file else None
    return write_source(tmp_path, data), png


def test_an_image_block_loads_into_a_wagtail_image_and_exports_with_its_file(tmp_path):
    path, png = image_source(tmp_path)
    images_before = get_image_model().objects.count()

    load_edition(path)

    assert get_image_model().objects.count() == images_before + 1
    letter = LetterPage.objects.child_of(AnnualReportPage.objects.get(year=YEAR)).get(
        slug="chairmans-note"
    )
    block = letter.body[-1]
    assert block.block_type == "image"
    assert (block.value["alt_text"], block.value["caption"]) == ("A red rectangle", "Our logo")
    image = block.value["image"]
    assert (image.title, image.width, image.height) == ("x.png", 4, 3)
    with image.file.open("rb") as stored:
        assert stored.read() == png

    exported = export_edition(YEAR, tmp_path / "exported" / "edition.yaml")

    assert exported.read_bytes() == path.read_bytes()
    assert (exported.parent / "images" / "x.png").read_bytes() == png
    before = db_snapshot()
    assert not load_edition(path).changed
    assert db_snapshot() == before


def test_a_missing_image_file_is_named_in_the_error(tmp_path):
    path, _png = image_source(tmp_path, with_file=False)
    before = db_snapshot()

    with pytest.raises(SourceError) as raised:
        load_edition(path)

    message = str(raised.value)
    assert message.startswith(str(path))
    assert "sections[0] “Chairman’s Note” › body" in message
    assert "field 'file'" in message
    assert "'images/x.png': no such file" in message
    assert db_snapshot() == before


def test_loading_again_restores_an_image_file_lost_from_storage(tmp_path):
    """A database restored without its media: the next load puts the file back, not a 404."""
    path, png = image_source(tmp_path)
    load_edition(path)
    image = get_image_model().objects.get(title="x.png")
    image.file.storage.delete(image.file.name)
    assert not image.file.storage.exists(image.file.name)
    # An edited source names the same picture again (its bytes, so the same Wagtail image).
    path.write_text(path.read_text().replace("Our logo", "Our logo, again"))

    load_edition(path)

    image.refresh_from_db()
    assert get_image_model().objects.filter(title="x.png").count() == 1
    with image.file.open("rb") as stored:
        assert stored.read() == png
    exported = export_edition(YEAR, tmp_path / "exported" / "edition.yaml")
    assert (exported.parent / "images" / "x.png").read_bytes() == png
