"""The API carries the whole report: a client that knows only the API can rebuild an edition,
with links it can follow and images, figures and footnotes as data."""

import re

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from reports.models import ProjectUpdatePage
from tests.oif_site.api.helpers import get_json, local, strings
from tests.reports.factories import GeneralSectionPageFactory
from tests.reports.helpers import write_png
from tests.text import find_in_order, seed_paragraphs, visible_text

pytestmark = pytest.mark.django_db


def edition_through_the_api(client, year):
    """Every page of the edition in reading order, each as its detail answer."""
    listing = get_json(client, f"/api/v2/pages/?year={year}&limit=50")
    assert listing["meta"]["total_count"] == len(listing["items"])
    return [get_json(client, local(item["meta"]["detail_url"])) for item in listing["items"]]


def test_a_client_of_the_api_rebuilds_every_paragraph_of_the_2020_edition(client):
    pages = edition_through_the_api(client, 2020)
    text = " ".join(
        visible_text(value)
        for page in pages
        for key, value in page.items()
        if key != "meta"
        for value in strings(value)
    )
    assert find_in_order(seed_paragraphs(), text) == []


def test_every_link_in_the_api_is_absolute(client):
    hrefs = [
        href
        for page in edition_through_the_api(client, 2020)
        for value in strings(page)
        for href in re.findall(r'(?:href|src)="([^"]*)"', value)
    ]
    assert len(hrefs) >= 6, "the 2020 edition links to the projects' sites and to the press"
    assert [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:", "#"))] == []


def test_key_figures_and_footnotes_are_data(client):
    kata = ProjectUpdatePage.objects.get(slug="kata-containers")
    body = get_json(client, f"/api/v2/pages/{kata.pk}/")["body"]
    figures = next(block for block in body if block["type"] == "key_figures")["value"]["figures"]
    assert {"value": "3,016", "label": "commits", "number": 3016, "qualifier": "", "unit": ""} in (
        figures
    )
    assert {
        "value": "20+",
        "label": "companies",
        "number": 20,
        "qualifier": "at least",
        "unit": "",
    } in figures
    zuul = ProjectUpdatePage.objects.get(slug="zuul")
    body = get_json(client, f"/api/v2/pages/{zuul.pk}/")["body"]
    notes = next(block for block in body if block["type"] == "footnotes")["value"]["notes"]
    assert [note["label"] for note in notes] == ["0", "1", "2"]
    assert all(note["text"] for note in notes)


def test_internal_links_and_images_are_expanded_to_public_addresses(client, edition_2020, tmp_path):
    png = write_png(tmp_path / "stage.png", size=(40, 30))
    image = get_image_model().objects.create(
        title="Summit stage", file=ImageFile(png.open("rb"), name="stage.png")
    )
    kata = ProjectUpdatePage.objects.get(slug="kata-containers")
    section = GeneralSectionPageFactory(
        parent=edition_2020,
        slug="gallery",
        body=[
            ("text", RichText(f'<p>See <a linktype="page" id="{kata.pk}">Kata</a>.</p>')),
            ("image", {"image": image, "alt_text": "The summit stage", "caption": "Berlin"}),
        ],
    )
    body = get_json(client, f"/api/v2/pages/{section.pk}/")["body"]
    assert body[0]["value"] == (
        '<p>See <a href="http://localhost/annual-reports/2020/project-updates/kata-containers/">'
        "Kata</a>.</p>"
    )
    picture = body[1]["value"]
    assert picture["alt_text"] == "The summit stage"
    rendition = picture["image"]["renditions"]["width-800"]
    assert rendition["url"].startswith("http://localhost/media/images/")
    listed = get_json(client, "/api/v2/images/?fields=renditions")["items"]
    assert [item["title"] for item in listed] == ["Summit stage"]


def test_filters_by_type_year_project_and_search(client):
    updates = get_json(client, "/api/v2/pages/?type=reports.ProjectUpdatePage&year=2020&limit=50")
    assert {item["meta"]["slug"] for item in updates["items"]} >= {"zuul", "kata-containers"}
    kata = get_json(client, "/api/v2/pages/?project=kata-containers")
    assert [(i["title"], i["meta"]["type"]) for i in kata["items"]] == [
        ("Kata Containers 2020 Annual Report", "reports.ProjectUpdatePage")
    ]
    found = get_json(client, "/api/v2/pages/?search=Nodepool")
    assert "Zuul" in [item["title"] for item in found["items"]]
