"""Editions of any size with every kind of section and block, for query-count tests."""

from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from tests.reports.factories import (
    AnnualReportPageFactory,
    ChapterPageFactory,
    EventPageFactory,
    GeneralSectionPageFactory,
    LetterPageFactory,
    ProjectUpdatePageFactory,
    WorkingGroupUpdatePageFactory,
)


def rich_body(image, linked_page):
    link = f'<a linktype="page" id="{linked_page.pk}">the edition</a>'
    return [
        ("text", RichText(f"<p>Modern cars contain millions of lines of code [0]. {link}</p>")),
        ("heading", {"text": "Highlights", "level": "3"}),
        ("list", {"style": "bulleted", "items": [RichText(f"one {link}"), RichText("two")]}),
        ("image", {"image": image, "alt_text": "A keynote stage", "caption": "Keynotes"}),
        ("key_figures", {"title": "", "figures": [{"value": "3,016", "label": "commits"}]}),
        ("timeline", {"title": "Key dates", "events": [{"date": "May 2020", "text": "Launch"}]}),
        ("link_list", {"title": "", "links": [{"label": "Code", "url": "https://opendev.org/"}]}),
        ("footnotes", {"notes": [{"label": "0", "text": RichText(f"A source, {link}")}]}),
    ]


def build_edition(units):
    """An edition with `units` times one section of every type (7 pages each), whose rich
    text links to pages inside the site."""
    from wagtail.images.models import Image

    edition = AnnualReportPageFactory()
    for n in range(units):
        image = Image.objects.create(title=f"photo {n}", file=get_test_image_file())
        body = rich_body(image, edition)
        LetterPageFactory(parent=edition, body=body)
        chapter = ChapterPageFactory(parent=edition, body=body)
        ProjectUpdatePageFactory(parent=chapter, body=body)
        WorkingGroupUpdatePageFactory(parent=chapter, body=body)
        EventPageFactory(
            parent=chapter, body=body, figures=[("figure", {"value": "10,000", "label": "people"})]
        )
        section = GeneralSectionPageFactory(parent=chapter, body=body)
        GeneralSectionPageFactory(parent=section, body=body)
    return edition
