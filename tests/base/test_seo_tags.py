"""Sharing metadata: each page kind describes itself; the base knows no app above it."""

import json
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from base.templatetags.seo_tags import json_ld_script, og_type, page_description
from projects.models import ProjectPage
from reports.models import AnnualReportPage, ProjectUpdatePage

pytestmark = pytest.mark.django_db


def graph(page):
    request = RequestFactory().get("/", SERVER_NAME="localhost")
    html = Template("{% load seo_tags %}{% json_ld page %}").render(
        Context({"request": request, "page": page})
    )
    data = json.loads(re.search(r">(.*)</script>", html).group(1))
    return {item["@type"]: item for item in data["@graph"]}


def test_editions_and_sections_are_articles_other_pages_websites():
    edition = AnnualReportPage.objects.get(year=2020)
    assert og_type(edition) == "article"
    assert og_type(ProjectUpdatePage.objects.first()) == "article"
    assert og_type(ProjectPage.objects.first()) == "website"
    assert og_type(None) == "website"


def test_each_kind_of_page_gives_its_own_structured_data():
    edition = AnnualReportPage.objects.get(year=2020)
    assert graph(edition)["Report"]["temporalCoverage"] == "2020"
    update = ProjectUpdatePage.objects.get(slug="zuul", depth=edition.depth + 2)
    article = graph(update)["Article"]
    assert article["isPartOf"]["name"] == edition.title
    project = graph(ProjectPage.objects.get(slug="zuul"))["SoftwareSourceCode"]
    assert project["name"] == "Zuul"
    assert "BreadcrumbList" in graph(update)


def test_a_description_is_what_the_editor_wrote_first():
    edition = AnnualReportPage.objects.get(year=2020)
    edition.search_description = "Written for search engines."
    assert page_description({}, edition) == "Written for search engines."


def test_json_ld_cannot_close_its_script_element():
    html = json_ld_script({"name": "</script><script>alert(1)</script>"})
    assert "</script><script>" not in html
    assert html.count("</script>") == 1
