"""The PDF of each edition, as a reader finds it: the 2020 edition's text, contents, running
headers, links, tags, bookmarks and fonts, and every kind of block on a small edition."""

from types import SimpleNamespace

import pytest

from reports.models import AnnualReportPage
from reports.pdf.build import build_edition_pdf
from tests.reports.pdf_helpers import (
    alt_texts,
    body_text,
    fetch_pdf,
    first_sentence,
    link_annotations,
    outline_titles,
    page_lines,
    page_texts,
    pdffonts,
    read_pdf,
    toc_entries,
)
from tests.text import find_in_order, seed_paragraphs, words

# Every test here asks for the test database, so that it is set up even when only the 2020
# tests run (their session fixture alone would not make pytest-django create it).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def pdf_2020(django_db_setup, django_db_blocker):
    """The 2020 PDF, built once per session (loading the edition has already built it)."""
    with django_db_blocker.unblock():
        edition = AnnualReportPage.objects.get(year=2020)
        pdf = build_edition_pdf(edition.pk).pdf
        with pdf.file.open("rb") as handle:
            content = handle.read()
        sections = edition.get_sections()
    entries = toc_entries(content)
    return SimpleNamespace(
        content=content,
        title=edition.title,
        sections=[(section.title, section.level) for section in sections],
        anchors=[section.anchor for section in sections],
        toc=entries,
        reader=read_pdf(content),
        # The report proper: from the page of the first section on, past cover and contents.
        report_text=body_text(content, first_page=entries[0][1]),
    )


# The 2020 edition, as read in its PDF


def test_every_section_title_is_in_the_report_in_order(pdf_2020):
    titles = [title for title, _level in pdf_2020.sections]
    assert len(titles) == 31
    assert find_in_order(titles, pdf_2020.report_text) == []


def test_the_first_sentence_of_every_seed_paragraph_is_there_in_order(pdf_2020):
    title, *paragraphs = seed_paragraphs()
    assert len(paragraphs) > 250
    assert words(title) == words(pdf_2020.title)
    assert " ".join(words(title)) in " ".join(words(page_texts(pdf_2020.content)[0]))
    sentences = [first_sentence(paragraph) for paragraph in paragraphs]
    assert find_in_order(sentences, pdf_2020.report_text) == []


def test_every_seed_paragraph_is_there_whole_in_order(pdf_2020):
    # Running headers and page numbers sit outside the text: paragraphs run across pages.
    assert find_in_order(seed_paragraphs()[1:], pdf_2020.report_text) == []


def test_the_contents_list_every_section_with_the_page_it_starts_on(pdf_2020):
    assert [title for title, _page in pdf_2020.toc] == [title for title, _ in pdf_2020.sections]
    numbers = [page for _title, page in pdf_2020.toc]
    assert numbers == sorted(numbers) and numbers[0] == 3
    checked = {0, 3, 4, len(numbers) // 2, len(numbers) - 1}  # first, a chapter, its child…
    checked |= {i for i, (_title, level) in enumerate(pdf_2020.sections) if level == 3}
    for index in sorted(checked):
        title, number = pdf_2020.toc[index]
        assert title in page_lines(pdf_2020.content, number), (title, number)
        if index and pdf_2020.toc[index - 1][1] < number:  # it starts there, not before
            assert title not in page_lines(pdf_2020.content, number - 1), (title, number)


def test_every_contents_entry_links_to_the_page_it_names(pdf_2020):
    targets = {}  # an entry's text, dots and number are links to the same anchor
    for index in range(1, pdf_2020.toc[0][1] - 1):  # the contents pages, from page 2
        for kind, page, anchor in link_annotations(pdf_2020.reader, index):
            if kind == "page":
                targets.setdefault(anchor, page)
    assert list(targets.values()) == [page for _title, page in pdf_2020.toc]
    assert list(targets) == pdf_2020.anchors


def test_a_section_page_has_a_running_header_and_its_number(pdf_2020):
    title, number = next(entry for entry in pdf_2020.toc if entry[0] == "Zuul")
    page = page_texts(pdf_2020.content)[number - 1]
    lines = [line.strip() for line in page.splitlines()]
    assert f"{pdf_2020.title} {title}" in lines  # the running header: report, section
    assert title in lines  # the section's title
    assert str(number) in lines  # the page number
    assert "Contents" not in page_texts(pdf_2020.content)[0]  # the cover has no header


def test_links_are_clickable(pdf_2020):
    uris = {
        target
        for index in range(len(pdf_2020.reader.pages))
        for kind, target, _anchor in link_annotations(pdf_2020.reader, index)
        if kind == "uri"
    }
    assert "https://vexxhost.com/solutions/managed-zuul/" in uris  # a footnote's link
    assert "https://opendev.org/zuul" in uris  # a link list


def test_the_pdf_is_tagged_described_and_bookmarked(pdf_2020):
    reader = pdf_2020.reader
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == pdf_2020.title
    assert reader.metadata.author == "Open Infrastructure Foundation"
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and pdf_2020.title in xmp
    assert outline_titles(reader) == [(1, "Contents")] + [
        (level, title) for title, level in pdf_2020.sections
    ]


def test_the_fonts_are_embedded(pdf_2020):
    fonts = pdffonts(pdf_2020.content)
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert any("Liberation-Serif" in line for line in fonts)


# Every kind of block, on a small edition


def test_every_block_prints(edition, client):
    _response, content = fetch_pdf(client, edition)
    text = body_text(content)
    for expected in [
        "A letter",
        "With all success,",
        "Every block: a paragraph that cites a source [0].",
        "Highlights",
        "First item",
        "Premium cars need premium tools.",
        "The keynotes",
        "3,016",
        "commits",
        "Key dates",
        "May 2020",
        "Code https://opendev.org/",
        "https://www.youtube.com/watch?v=abc123",
        "The source",
        "10,000",
        "attendees",
        "Online",
        "A subsection",
    ]:
        assert " ".join(words(expected)) in " ".join(words(text)), expected
    reader = read_pdf(content)
    # The image block's picture, embedded once (its pages share one resource dictionary).
    assert len({image.name for page in reader.pages for image in page.images}) == 1
    structure = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    assert "A keynote stage" in alt_texts(structure)
