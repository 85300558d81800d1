"""API answers and data files are kept by the page cache and purged with the pages they show."""

import pytest
from wagtail.rich_text import RichText

from reports.models import ProjectUpdatePage

pytestmark = pytest.mark.django_db


def test_a_publication_purges_the_api_and_data_answers_that_show_the_page(client):
    kata = ProjectUpdatePage.objects.get(slug="kata-containers")
    urls = [
        f"/api/v2/pages/{kata.pk}/",
        "/api/v2/pages/?type=reports.ProjectUpdatePage&fields=body&limit=50",
        "/annual-reports/2020/figures.json",
        "/projects/kata-containers/figures.json",
        "/data/figures.json",
    ]
    for url in urls:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Page-Cache"] == "hit", url
    revision = kata.get_latest_revision_as_object()
    revision.title = "Kata Containers, renamed"
    revision.body = [
        ("text", RichText("<p>Freshly published words.</p>")),
        *[(block.block_type, block.value) for block in kata.body],
    ]
    revision.save_revision().publish()
    assert "Freshly published words." in client.get(urls[0]).content.decode()
    assert "Freshly published words." in client.get(urls[1]).content.decode()
    for url in urls[2:]:
        assert "Kata Containers, renamed" in client.get(url).content.decode(), url
