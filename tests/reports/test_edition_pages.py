"""The published 2020 edition, read through the public pages."""

import pytest
import yaml
from wagtail.models import Page

from reports.models import AnnualReportPage, EditionSectionPage, ProjectUpdatePage
from tests.conftest import EDITION_2020
from tests.text import find_in_order, seed_paragraphs, visible_text

pytestmark = pytest.mark.django_db


def source_section_titles():
    def walk(sections):
        for section in sections:
            yield section["title"]
            yield from walk(section.get("sections", []))

    return list(walk(yaml.safe_load(EDITION_2020.read_text(encoding="utf-8"))["sections"]))


def edition_body(html):
    """The report itself, as read: the header, then what follows the table of contents."""
    main, toc, body = html.index("<main"), html.index('class="toc"'), html.index('"edition-body"')
    return html[main:toc] + html[body : html.index("</main>")]


def test_every_seed_paragraph_is_on_the_edition_page_in_order(client):
    response = client.get("/annual-reports/2020/")
    assert response.status_code == 200
    paragraphs = seed_paragraphs()
    assert len(paragraphs) > 250
    missing = find_in_order(paragraphs, visible_text(edition_body(response.content.decode())))
    assert missing == []


def test_every_seed_paragraph_is_on_the_section_pages_in_reading_order(client):
    edition = AnnualReportPage.objects.get(year=2020)
    text = []
    for page in edition.get_descendants().live().order_by("path"):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        text.append(visible_text(html[html.index("<main") : html.index('class="pager"')]))
    missing = find_in_order(seed_paragraphs()[1:], " ".join(text))
    assert missing == []


def test_the_banner_is_site_content_not_part_of_the_edition(client):
    banner = "Red Hat donates $551.9 million in software subscriptions"
    home = client.get("/").content.decode()
    assert banner in home
    edition_html = client.get("/annual-reports/2020/").content.decode()
    assert banner not in edition_body(edition_html)


def test_table_of_contents_links_to_an_anchor_per_section(client):
    html = client.get("/annual-reports/2020/").content.decode()
    toc = html[html.index('class="toc"') : html.index('class="edition-body"')]
    edition = AnnualReportPage.objects.get(year=2020)
    sections = edition.get_sections()
    assert [s.title for s in sections] == source_section_titles()
    anchors = [section.anchor for section in sections]
    assert len(set(anchors)) == len(anchors)
    for anchor in anchors:
        assert f'href="#{anchor}"' in toc
        assert f'id="{anchor}"' in html
    # Two sections share the slug "opendev"; their anchors do not collide.
    assert "openinfra-collaboration-opendev" in anchors
    assert "event-highlights-opendev" in anchors


def test_section_pages_link_previous_and_next_in_reading_order(client):
    html = client.get("/annual-reports/2020/project-updates/zuul/").content.decode()
    pager = html[html.index('class="pager"') :]
    assert 'rel="prev" href="/annual-reports/2020/project-updates/starlingx/"' in pager
    assert 'rel="next" href="/annual-reports/2020/openinfra-collaboration/"' in pager

    first = client.get("/annual-reports/2020/chairmans-note/").content.decode()
    assert 'rel="prev"' not in first
    assert 'rel="next" href="/annual-reports/2020/letter-from-the-executive-director/"' in first


def test_letters_are_signed(client):
    html = client.get("/annual-reports/2020/chairmans-note/").content.decode()
    assert "With all success," in html
    assert '<p class="signature__name">Alan Clark</p>' in html
    assert "OpenInfra Board Chair, 2020" in html
    html = client.get("/annual-reports/2020/letter-from-the-executive-director/").content.decode()
    assert "Executive Director, OpenInfra Foundation" in html


def test_zuul_footnotes_are_linked_both_ways(client):
    html = client.get("/annual-reports/2020/project-updates/zuul/").content.decode()
    for label in "012":
        assert (
            f'href="#project-updates-zuul-fn-{label}" id="project-updates-zuul-fnref-{label}"'
            in (html)
        )
        assert f'id="project-updates-zuul-fn-{label}"' in html
        assert f'href="#project-updates-zuul-fnref-{label}"' in html


def test_structured_blocks_render_as_structure(client):
    kata = client.get("/annual-reports/2020/project-updates/kata-containers/").content.decode()
    assert '<span class="key-figures__value">3,016</span>' in kata
    assert '<span class="key-figures__value">128</span>' in kata
    labs = client.get("/annual-reports/2020/project-updates/openinfra-labs/").content.decode()
    assert '<span class="timeline__date">March 2020:</span>' in labs
    assert labs.count('class="timeline__date"') == 8
    summit = client.get(
        "/annual-reports/2020/event-highlights/open-infrastructure-summit/"
    ).content.decode()
    assert "19–23 October 2020" in summit
    assert "Virtual" in summit


def test_headings_of_a_section_have_unique_ids(client):
    html = client.get("/annual-reports/2020/project-updates/openstack/").content.decode()
    # "10 Years of OpenStack" and "10 years of OpenStack" are two headings of one section.
    assert 'id="project-updates-openstack-10-years-of-openstack"' in html
    assert 'id="project-updates-openstack-10-years-of-openstack-2"' in html


def test_body_headings_sit_below_the_section_title_wherever_it_is_shown(client):
    own = client.get("/annual-reports/2020/project-updates/openstack/").content.decode()
    assert '<h1 id="project-updates-openstack-title"' in own
    assert '<h2 class="body-heading" id="project-updates-openstack-ussuri">Ussuri</h2>' in own
    assert '<h3 class="body-heading" id="project-updates-openstack-tact">TaCT</h3>' in own
    # Inline, under its chapter's title, the same section's title is an h3.
    edition = client.get("/annual-reports/2020/").content.decode()
    assert '<h4 class="body-heading" id="project-updates-openstack-ussuri">Ussuri</h4>' in edition
    assert '<h5 class="body-heading" id="project-updates-openstack-tact">TaCT</h5>' in edition


def test_profiles_list_their_updates_from_every_edition(client):
    html = client.get("/projects/zuul/").content.decode()
    assert 'href="/annual-reports/2020/project-updates/zuul/"' in html
    assert "Apache 2.0" in html
    assert "Top-level project" in html
    html = client.get("/working-groups/interop/").content.decode()
    assert 'href="/annual-reports/2020/working-groups/interop/"' in html


def test_draft_sections_are_not_on_the_edition_page(client):
    zuul = ProjectUpdatePage.objects.get(slug="zuul")
    zuul.unpublish()
    html = client.get("/annual-reports/2020/").content.decode()
    assert 'id="project-updates-zuul"' not in html
    assert client.get("/annual-reports/2020/project-updates/zuul/").status_code == 404


def test_every_section_type_is_reachable_and_renders(client):
    for page in Page.objects.type(*EditionSectionPage.__subclasses__()).live():
        assert client.get(page.url).status_code == 200
