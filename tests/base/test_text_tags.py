"""The body's text helpers: heading levels, footnote links, dates, addresses, reading time."""

import datetime
from types import SimpleNamespace

from django.template import Context, Template
from wagtail.blocks import StreamValue

from base.blocks import BodyBlock
from base.templatetags.text_tags import (
    date_range,
    display_url,
    heading_level,
    link_footnotes,
    reading_minutes,
)


def test_a_body_heading_sits_below_the_section_title_and_never_past_h6():
    assert heading_level(3, 2) == 3
    assert heading_level(4, 2) == 4
    assert heading_level(5, 5) == 6


def test_date_ranges_read_as_people_write_them():
    d = datetime.date
    assert date_range(d(2020, 10, 19), d(2020, 10, 23)) == "19–23 October 2020"
    assert date_range(d(2020, 6, 1), d(2020, 10, 30)) == "1 June – 30 October 2020"
    assert date_range(d(2020, 12, 30), d(2021, 1, 2)) == "30 December 2020 – 2 January 2021"
    assert date_range(d(2020, 10, 19), None) == "19 October 2020"
    assert date_range(None, None) == ""


def test_addresses_are_shown_without_scheme_www_or_trailing_slash():
    assert display_url("https://www.katacontainers.io/") == "katacontainers.io"
    assert display_url("http://zuul-ci.org/docs/") == "zuul-ci.org/docs"


def test_footnote_references_link_to_the_sections_notes_and_back_once():
    section = SimpleNamespace(footnote_labels={"0"}, anchor="zuul")
    html = link_footnotes("<p>landed [0], again [0], not [9]</p>", section)
    assert html.count('href="#zuul-fn-0"') == 2
    assert html.count('id="zuul-fnref-0"') == 1
    assert "[9]" in html and "zuul-fn-9" not in html
    assert link_footnotes("<p>[0]</p>", None) == "<p>[0]</p>"


def test_a_footnote_reference_inside_a_link_address_is_left_alone():
    """Rewritten, it would close the href early and spill markup into the tag (the XSS
    corpus found it: tests/browser/test_xss_corpus.py)."""
    section = SimpleNamespace(footnote_labels={"1"}, anchor="zuul")
    html = link_footnotes(
        '<p><a href="https://example.org/[1]?&quot;&gt;">see [1]</a></p>', section
    )
    assert html.startswith('<p><a href="https://example.org/[1]?&quot;&gt;">see <sup ')
    assert html.count('href="#zuul-fn-1"') == 1


def test_reading_time_counts_the_words_of_the_bodies():
    body = StreamValue(BodyBlock(), [("heading", {"text": "word " * 460, "level": "3"})])
    assert reading_minutes([SimpleNamespace(body=body)]) == 2
    assert reading_minutes([]) == 1


def test_the_library_loads_in_templates():
    rendered = Template("{% load text_tags %}{% heading_level 3 1 %}|{{ url|display_url }}")
    assert rendered.render(Context({"url": "https://openinfra.dev/"})) == "2|openinfra.dev"
