"""Reading the edition PDFs as a reader does (text, pages, contents, links, metadata) and
making small editions that hold every kind of block."""

import io
import re
import subprocess
import tempfile

from pypdf import PdfReader
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from reports.models import GeneralSectionPage
from tests.reports.factories import (
    AnnualReportPageFactory,
    ChapterPageFactory,
    EventPageFactory,
    GeneralSectionPageFactory,
    LetterPageFactory,
    ProjectUpdatePageFactory,
    paragraph,
)
from tests.text import words

# The text area of a page, in points from its top: below the running header and above the
# page number (the @page margins of static/css/pdf.css are 24 mm and 26 mm).
BODY_TOP, BODY_HEIGHT = 60, 716
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"(])")
TOC_ENTRY = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


def pdftotext(content, *args, raw=True):
    """Text in content order by default: -raw keeps the hyphens where lines break (use- /
    cases); without it, lines are rebuilt from their places (a contents line and its dots)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", *args, handle.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def body_text(content, first_page=1, last_page=None, raw=True):
    """What is printed between the running header and the page number, page after page."""
    args = ["-x", "0", "-y", str(BODY_TOP), "-W", "1000", "-H", str(BODY_HEIGHT)]
    args += ["-f", str(first_page)] + (["-l", str(last_page)] if last_page else [])
    return pdftotext(content, *args, raw=raw)


def page_texts(content):
    """The whole text of each page, headers and numbers included: page_texts(pdf)[n - 1]."""
    return pdftotext(content).split("\f")[:-1]


def page_lines(content, number, raw=True):
    lines = body_text(content, number, number, raw=raw).splitlines()
    return [line.strip() for line in lines]


def first_sentence(text):
    return SENTENCE_END.split(text, maxsplit=1)[0]


def read_pdf(content):
    return PdfReader(io.BytesIO(content))


def toc_entries(content):
    """[(title, page number)] as printed in the table of contents, from page 2 on; a title
    too long for one line continues on the next."""
    entries = []
    for page in range(2, len(read_pdf(content).pages) + 1):
        found, pending = [], ""
        for line in page_lines(content, page, raw=False):
            match = TOC_ENTRY.match(f"{pending} {line}".strip())
            if match:
                found.append((match["title"], int(match["page"])))
                pending = ""
            elif line and line != "Contents":
                pending = f"{pending} {line}".strip()
        if not found:
            break
        entries += found
    return entries


def outline_titles(reader, outline=None, level=1):
    """[(level, title)] of the bookmarks, depth first."""
    items = []
    for item in reader.outline if outline is None else outline:
        if isinstance(item, list):
            items.extend(outline_titles(reader, item, level + 1))
        else:
            items.append((level, item.title))
    return items


def link_annotations(reader, page_index):
    """The links of a page, in order: ("uri", url, None) or ("page", 1-based number, name)
    for a link inside the document (its named destination: the anchor of the HTML)."""
    links = []
    for annotation in reader.pages[page_index].get("/Annots") or []:
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        action = annotation.get("/A")
        action = action.get_object() if action is not None else {}
        if action.get("/URI"):
            links.append(("uri", str(action["/URI"]), None))
            continue
        destination = annotation.get("/Dest") or action.get("/D")
        if isinstance(destination, str):
            page = reader.get_destination_page_number(reader.named_destinations[destination])
            links.append(("page", page + 1, str(destination)))
        elif destination is not None:
            page = reader.get_page_number(destination.get_object()[0].get_object())
            links.append(("page", page + 1, None))
    return links


def pdffonts(content):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        output = subprocess.run(
            ["pdffonts", handle.name], check=True, capture_output=True, text=True
        ).stdout
    return output.splitlines()[2:]


def served_bytes(response):
    """The body of the answer: streamed from storage (FileResponse), or bytes once the page
    cache has kept it."""
    if not response.streaming:
        return response.content
    return b"".join(response.streaming_content)


def fetch_pdf(client, edition):
    response = client.get(edition.pdf_url)
    assert response.status_code == 200, response.status_code
    return response, served_bytes(response)


def text_of(content):
    """The printed words of a PDF, lowercase, for `in` checks across lines and pages."""
    return " ".join(words(body_text(content)))


def section_of(edition, title):
    return GeneralSectionPage.objects.descendant_of(edition).get(title=title)


def alt_texts(node, found=None):
    """The /Alt texts of a tagged PDF's structure tree: what screen readers say for images."""
    found = [] if found is None else found
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            alt_texts(kid, found)
    return found


def bucket_keys(bucket, prefix="media/annual-reports/pdf/"):
    """The PDFs in an S3 bucket (a SimpleNamespace of boto3 client and bucket name)."""
    listing = bucket.client.list_objects_v2(Bucket=bucket.name, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def every_block_body(image, marker="Every block"):
    """One block of every type, footnote reference included."""
    return [
        ("text", RichText(f"<p>{marker}: a paragraph that cites a source [0].</p>")),
        ("heading", {"text": "Highlights", "level": "3"}),
        ("list", {"style": "bulleted", "items": [RichText("First item"), RichText("Second")]}),
        ("quote", {"text": "Premium cars need premium tools.", "attribution": "Volvo"}),
        ("image", {"image": image, "alt_text": "A keynote stage", "caption": "The keynotes"}),
        (
            "key_figures",
            {
                "title": "In numbers",
                "figures": [
                    {"value": "3,016", "label": "commits"},
                    {"value": "128", "label": "authors"},
                ],
            },
        ),
        (
            "timeline",
            {"title": "Key dates", "events": [{"date": "May 2020", "text": RichText("Launch")}]},
        ),
        (
            "link_list",
            {"title": "Get involved", "links": [{"label": "Code", "url": "https://opendev.org/"}]},
        ),
        ("embed", {"url": "https://www.youtube.com/watch?v=abc123"}),
        (
            "footnotes",
            {
                "notes": [
                    {
                        "label": "0",
                        "text": RichText('<a href="https://example.org/source">The source</a>'),
                    }
                ]
            },
        ),
    ]


def make_edition(**kwargs):
    """A published edition with a letter, a chapter holding a project update, an event and
    a section with a subsection; the chapter's body has one block of every kind."""
    image = Image.objects.create(title="Keynote", file=get_test_image_file())
    edition = AnnualReportPageFactory(**kwargs)
    LetterPageFactory(
        parent=edition,
        title="A letter",
        body=paragraph("Dear community, this was the year."),
        sign_off="With all success,",
    )
    chapter = ChapterPageFactory(
        parent=edition, title="Project updates", body=every_block_body(image)
    )
    ProjectUpdatePageFactory(parent=chapter, body=paragraph("The project shipped twice."))
    EventPageFactory(
        parent=chapter,
        title="The summit",
        location="Online",
        body=paragraph("Thousands came."),
        figures=[("figure", {"value": "10,000", "label": "attendees"})],
    )
    section = GeneralSectionPageFactory(
        parent=edition, title="Highlights", body=paragraph("A general section.")
    )
    GeneralSectionPageFactory(
        parent=section, title="A subsection", body=paragraph("The subsection text.")
    )
    return edition
