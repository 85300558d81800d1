"""Project and working-group profiles: the profile, every edition's update, and the key
figures across editions as a chart (server-rendered SVG) with the same numbers in a table."""

import re

import pytest

from base.figures import parse_figure
from projects.charts import figures_by_label, key_figures_chart
from projects.models import ProjectPage
from reports.models import ProjectUpdatePage
from tests.reports.factories import AnnualReportPageFactory, ProjectUpdatePageFactory
from tests.text import visible_text

pytestmark = pytest.mark.django_db


def figures(*pairs, title=""):
    return (
        "key_figures",
        {"title": title, "figures": [{"value": v, "label": label} for v, label in pairs]},
    )


@pytest.fixture
def kata_in_two_editions():
    """Kata Containers in 2020 (as loaded) and in a later edition with new figures."""
    kata = ProjectPage.objects.get(slug="kata-containers")
    edition = AnnualReportPageFactory(year=2031)
    ProjectUpdatePageFactory(
        parent=edition,
        project=kata,
        title="Kata Containers in 2031",
        slug="kata-containers",
        body=[figures(("3,500", "commits"), ("150", "Authors"), ("1.5K", "stars"))],
    )
    return kata


@pytest.mark.parametrize(
    "text, number",
    [
        ("3,016", 3016),
        ("120+", 120),
        ("45%", 45),
        ("1.5M", 1_500_000),
        ("2.5", 2.5),
        ("10 000", 10000),
        ("Top-level", None),
        ("", None),
    ],
)
def test_a_key_figure_reads_as_a_number_when_it_is_one(text, number):
    assert parse_figure(text) == number


def test_figures_with_the_same_label_make_one_series_per_label(kata_in_two_editions):
    series = {s.label: s for s in figures_by_label(kata_in_two_editions.get_updates())}
    commits = series["commits"]
    assert [(p.year, p.value, p.display) for p in commits.points] == [
        (2020, 3016, "3,016"),
        (2031, 3500, "3,500"),
    ]
    # Labels match whatever their case; the newest wording names the series.
    assert [(p.year, p.value) for p in series["Authors"].points] == [(2020, 128), (2031, 150)]
    assert [(p.year, p.value) for p in series["stars"].points] == [(2031, 1500)]


def test_the_chart_is_an_svg_image_with_a_name_and_a_description(kata_in_two_editions):
    chart = key_figures_chart(kata_in_two_editions.get_updates())
    assert chart["years"] == [2020, 2031]
    commits = next(row for row in chart["rows"] if row["label"] == "commits")
    assert commits["values"] == ["3,016", "3,500"]
    svg = str(commits["svg"])
    assert svg.startswith('<svg class="chart" viewBox=')
    assert 'role="img"' in svg
    title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg).groups()
    assert f'<title id="{title_id}">commits</title>' in svg
    assert f'<desc id="{desc_id}">3,016 in 2020, 3,500 in 2031</desc>' in svg
    bars = re.findall(r'<rect class="chart__bar[^"]*"[^>]* height="([\d.]+)"', svg)
    heights = [float(h) for h in bars]
    assert len(heights) == 2 and heights[0] < heights[1]  # bars scale with the values
    stars = next(row for row in chart["rows"] if row["label"] == "stars")
    assert stars["values"] == [None, "1.5K"]


def test_the_profile_shows_the_chart_the_table_and_every_update(client, kata_in_two_editions):
    html = client.get("/projects/kata-containers/").content.decode()
    assert "Key figures across editions" in html
    assert html.count('<svg class="chart"') == 5  # releases, commits, authors, companies, stars
    table = html[html.index('<table class="data-table">') : html.index("</table>")]
    assert "Kata Containers: key figures by edition" in table
    assert '<th scope="col">2020</th><th scope="col">2031</th>' in table
    assert re.search(r'<th scope="row">commits</th><td>3,016</td><td>3,500</td>', table)
    assert '<span aria-label="not reported">–</span>' in table
    text = visible_text(html)
    # Newest edition first, each update with its opening words and a link to the whole.
    assert text.index("2031 Kata Containers in 2031") < text.index("2020 Kata Containers 2020")
    assert "Kata Containers seamlessly delivers the speed of containers" in text
    assert 'href="/annual-reports/2031/kata-containers/"' in html
    assert 'href="/annual-reports/2020/project-updates/kata-containers/"' in html


def test_the_profile_shows_its_facts_and_ways_to_get_involved(client):
    html = client.get("/projects/zuul/").content.decode()
    text = visible_text(html)
    assert "Top-level project" in text
    assert "Website zuul-ci.org" in text
    assert "Code opendev.org/zuul" in text
    assert "Licence Apache 2.0" in text
    assert "In the reports 2020" in text
    start = html.index('id="involved-heading"')
    involved = html[start : html.index("</section>", start)]
    assert '<a href="https://lists.zuul-ci.org/">Mailing lists</a>' in involved


def test_a_profile_without_figures_has_no_chart(client):
    html = client.get("/working-groups/interop/").content.decode()
    assert "Key figures across editions" not in html
    assert "Updates in the annual reports" in html
    assert 'href="/annual-reports/2020/working-groups/interop/"' in html


def test_unpublished_updates_are_left_out_of_the_profile_and_its_chart(
    client, kata_in_two_editions
):
    ProjectUpdatePage.objects.get(title="Kata Containers in 2031").unpublish()
    html = client.get("/projects/kata-containers/").content.decode()
    assert "Kata Containers in 2031" not in html
    assert "2031" not in html[html.index('<table class="data-table">') :]
