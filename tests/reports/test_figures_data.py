"""The report's key figures as data: per edition, per profile and for the whole site, with the
numbers a spreadsheet can use, the licence, and only what the public may see."""

import csv
import io
import json

import pytest
import yaml
from django.utils.http import http_date
from wagtail.models import Page, Site

from base.models import SiteSettings
from reports.models import AnnualReportPage, ProjectUpdatePage
from tests.conftest import EDITION_2020

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def source_figures():
    """(label, text) of every key figure in the 2020 source file, read independently."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "figures" in node and isinstance(node["figures"], list):
                found.extend((f["label"], str(f["value"])) for f in node["figures"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(EDITION_2020.read_text(encoding="utf-8"))["sections"])
    return found


def test_every_key_figure_of_the_edition_is_in_its_csv_with_its_number(client):
    rows = csv_rows(client.get("/annual-reports/2020/figures.csv"))
    figures = source_figures()
    assert len(figures) >= 10
    by_text = {(row["label"], row["text"]): row for row in rows}
    for label, text in figures:
        row = by_text[(label, text)]
        digits = text.replace(",", "").rstrip("+")
        assert row["value"] == digits, (label, text, row)
        assert row["edition"] == "2020"
        assert row["source_url"].startswith("http://localhost/annual-reports/2020/")
    assert len(rows) == len(figures)


def test_the_kata_containers_csv_lists_its_2020_figures(client):
    rows = csv_rows(client.get("/projects/kata-containers/figures.csv"))
    assert [(r["edition"], r["label"], r["value"], r["qualifier"], r["text"]) for r in rows] == [
        ("2020", "major releases", "4", "", "4"),
        ("2020", "commits", "3016", "", "3,016"),
        ("2020", "authors", "128", "", "128"),
        ("2020", "companies", "20", "at least", "20+"),
    ]
    assert {r["project_or_working_group"] for r in rows} == {"Kata Containers"}


def test_data_files_carry_the_licence_and_last_modified(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.data_licence = "Open Data Commons PDDL"
    settings.data_licence_url = "https://opendatacommons.org/licenses/pddl/"
    settings.save()
    response = client.get("/data/figures.json")
    data = json.loads(response.content)
    assert data["licence"] == "Open Data Commons PDDL"
    assert response["Link"] == '<https://opendatacommons.org/licenses/pddl/>; rel="license"'
    assert {row["licence"] for row in csv_rows(client.get("/data/figures.csv"))} == {
        "Open Data Commons PDDL"
    }
    edition = AnnualReportPage.objects.get(year=2020)
    pages = Page.objects.descendant_of(edition, inclusive=True).live()
    newest = max(page.last_published_at for page in pages)
    assert response["Last-Modified"] == http_date(int(newest.timestamp()))
    again = client.get("/data/figures.json", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_a_published_change_of_a_figure_reaches_the_data(client):
    kata = ProjectUpdatePage.objects.get(slug="kata-containers")
    body = kata.body.raw_data
    for block in body:
        if block["type"] == "key_figures":
            block["value"]["figures"][1]["value"]["value"] = "3,500"
    kata.save_revision().publish()
    rows = csv_rows(client.get("/annual-reports/2020/figures.csv"))
    assert ("commits", "3500", "3,500") in [(r["label"], r["value"], r["text"]) for r in rows]


def test_the_pages_say_where_the_data_is(client):
    edition = client.get("/annual-reports/2020/").content.decode()
    assert (
        '<link rel="alternate" type="text/csv" href="/annual-reports/2020/figures.csv"' in edition
    )
    assert 'href="/annual-reports/2020/figures.json" type="application/json">JSON</a>' in edition
    profile = client.get("/projects/kata-containers/").content.decode()
    assert 'href="/projects/kata-containers/figures.csv" type="text/csv">CSV</a>' in profile


def test_the_data_catalogue_describes_each_dataset_for_search_engines(client):
    html = client.get("/data/").content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    catalogue = json.loads(html[start : html.index("</script>", start)])
    assert catalogue["@type"] == "DataCatalog"
    names = {dataset["name"]: dataset for dataset in catalogue["dataset"]}
    edition = names["Key figures of the 2020 annual report"]
    assert edition["@type"] == "Dataset"
    assert [d["contentUrl"] for d in edition["distribution"]] == [
        "http://localhost/annual-reports/2020/figures.csv",
        "http://localhost/annual-reports/2020/figures.json",
    ]
    assert "Key figures of Kata Containers across editions" in names
    for url in (d["contentUrl"] for d in edition["distribution"]):
        assert client.get(url.removeprefix("http://localhost")).status_code == 200
