"""Putting the XSS corpus everywhere an editor can type, run inside the test server's
`manage.py shell` (its settings and database): `seed()` prints what the crawl needs, as JSON.

Only what the admin would accept is stored: plain fields within their lengths, URL fields
through their validator, stream blocks through the body's own `clean()`, and rich text as the
page editor stores it (Draftail's contentstate converted by Wagtail's own converter, with its
whitelist), whether typed or pasted.
"""

import json

from django.core.management import call_command
from django.core.validators import URLValidator
from django.db import transaction
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.blocks import StreamValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail.search import index

from base.blocks import INLINE_FEATURES, TEXT_FEATURES, BodyBlock
from base.models import Announcement, SiteSettings
from projects.models import ProjectChannel
from reports.models import AnnualReportPage, Person
from tests.browser.xss_payloads import PAYLOADS, SEARCH_WORD, joined, payload
from tests.projects.factories import ProjectPageFactory, WorkingGroupPageFactory
from tests.reports.factories import (
    AnnualReportPageFactory,
    ChapterPageFactory,
    EventPageFactory,
    GeneralSectionPageFactory,
    LetterPageFactory,
    PersonFactory,
    ProjectUpdatePageFactory,
    WorkingGroupUpdatePageFactory,
)

YEAR = 2039
SETTINGS_FIELDS = ["announcement_id", "footer_text"]
# URLs the URL validator accepts, carrying attribute breakers in their path and query.
BREAKING_URLS = [
    f'https://example.org/{SEARCH_WORD}?q="><script>alert(31)</script>',
    "https://example.org/'><img/src='x'/onerror=alert(32)>",
    'https://example.org/"/onmouseover="alert(33)',
    # A footnote reference inside an address: [1] is rewritten into a link in rendered text.
    'https://example.org/[1]?"><img/src="x"/onerror=alert(35)>',
]
EMBED_URL = 'https://www.youtube.com/watch?v=xss"><script>alert(34)</script>'


def url(value):
    URLValidator()(value)  # what the admin's URL fields accept, nothing more
    return value


def rich(features, *numbers):
    """Rich text as the page editor stores it: the payloads typed (or pasted: Draftail keeps
    pasted markup as text) in paragraphs, then links to every URL payload and breaking URL,
    and what only a forged request could send (entities and blocks the field does not allow,
    a page link whose id is a payload), all through Wagtail's own contentstate converter."""
    blocks, entities = [], []
    for n in numbers:
        blocks.append(_block(f"{SEARCH_WORD} {payload(n)}"))
    for address in [payload(11), payload(12), payload(13), *BREAKING_URLS]:
        entities.append({"type": "LINK", "mutability": "MUTABLE", "data": {"url": address}})
    entities.append({"type": "LINK", "mutability": "MUTABLE", "data": {"id": payload(6)}})
    entities.append(
        {"type": "IMAGE", "mutability": "IMMUTABLE", "data": {"id": 1, "alt": payload(7)}}
    )
    for key in range(len(entities)):
        label = f"link {key} [1]"
        blocks.append(
            _block(label, entity_ranges=[{"offset": 0, "length": len(label), "key": key}])
        )
    blocks.append(_block(payload(2), block_type="header-two"))
    blocks.append(_block(payload(3), styles=[{"offset": 0, "length": 5, "style": "CODE"}]))
    state = json.dumps({"blocks": blocks, "entityMap": dict(enumerate(entities))})
    widget = DraftailRichTextArea(features=features)
    return RichText(widget.value_from_datadict({"f": state}, {}, "f"))


def _block(text, *, entity_ranges=(), block_type="unstyled", styles=()):
    _block.count = getattr(_block, "count", 0) + 1
    return {
        "key": f"k{_block.count}",
        "type": block_type,
        "depth": 0,
        "text": text,
        "inlineStyleRanges": list(styles),
        "entityRanges": list(entity_ranges),
        "data": {},
    }


def body(image):
    """Every block type of the body StreamBlock, payloads in every field, as the editor
    would save them (the block's clean() passes)."""
    all_numbers = [p.number for p in PAYLOADS]
    raw = [
        ("text", rich(TEXT_FEATURES, *all_numbers)),
        ("heading", {"text": f"{SEARCH_WORD} {joined(1, 6, 9)}", "level": "3"}),
        (
            "list",
            {"style": "bulleted", "items": [rich(INLINE_FEATURES, 2, 7), rich(INLINE_FEATURES, 8)]},
        ),
        ("quote", {"text": joined(*all_numbers), "attribution": joined(3, 8, 10)}),
        ("image", {"image": image, "alt_text": joined(6, 7, 8), "caption": joined(1, 9, 16)}),
        (
            "key_figures",
            {
                "title": joined(6, 9, 20),
                "figures": [
                    {"value": "42 <svg onload=alert(3)>", "label": joined(7, 8)},
                    {"value": "7 ' onmouseover=alert(8)", "label": joined(2, 19)},
                ],
            },
        ),
        (
            "timeline",
            {
                "title": joined(1, 7, 10),
                "events": [
                    {"date": joined(6, 8), "text": rich(INLINE_FEATURES, 4, 5, 21)},
                    {"date": payload(20), "text": rich(INLINE_FEATURES, 14, 15, 22)},
                ],
            },
        ),
        (
            "link_list",
            {
                "title": joined(9, 10, 26),
                "links": [{"label": joined(6, 7), "url": url(u)} for u in BREAKING_URLS],
            },
        ),
        (
            "footnotes",
            {
                "notes": [
                    {"label": "1", "text": rich(INLINE_FEATURES, 16, 17, 18, 23)},
                    {"label": "2", "text": rich(INLINE_FEATURES, 24, 25, 27, 28)},
                ]
            },
        ),
        ("embed", {"url": EMBED_URL}),
    ]
    stream_block = BodyBlock()
    value = StreamValue(stream_block, raw)
    stream_block.clean(value)  # what the editor's validation lets through
    return value


def image_with_title():
    image = Image(title=f"{SEARCH_WORD} {joined(6, 7, 9)}", file=get_test_image_file())
    image.save()
    return image


def cached_embed():
    """The oEmbed answer for EMBED_URL, stored as Wagtail stores one (the network is closed):
    for the block's validation (no width) and for the page (800 wide)."""
    for width in (None, 800):
        Embed.objects.create(
            url=EMBED_URL,
            hash=get_embed_hash(EMBED_URL, width),
            max_width=width,
            type="video",
            html='<iframe src="https://www.youtube.com/embed/xss?feature=oembed" '
            'width="800" height="450" title="A talk"></iframe>',
            provider_name="YouTube",
        )


def seed():
    with transaction.atomic():  # all or nothing: a failed seed leaves the server as it was
        created = create_everything()
    edition = AnnualReportPage.objects.get(year=YEAR)
    # Indexed now, as the background worker would do after each publication.
    for page in Page.objects.filter(title__contains=SEARCH_WORD).specific():
        index.insert_or_update_object(page)
    call_command("build_pdf", str(YEAR), verbosity=0)
    pages = [
        page.url
        for page in Page.objects.live().public().filter(depth__gt=1).order_by("path")
        if page.url
    ]
    ids = list(Page.objects.live().public().filter(depth__gt=1).values_list("pk", flat=True))
    print(json.dumps({"pages": pages, "page_ids": ids, "pdf": edition.pdf_url, "created": created}))


def create_everything():
    image = image_with_title()
    cached_embed()
    titles = [f"{SEARCH_WORD} {payload(n)}" for n in (1, 6, 7, 9, 10, 26, 2, 3, 16, 20)]
    project = ProjectPageFactory(
        title=titles[0],
        summary=f"{SEARCH_WORD} {joined(1, 2, 6, 9, 19, 20)}",
        search_description=joined(7, 8, 10),
        website=url(BREAKING_URLS[0]),
        repository=url(BREAKING_URLS[1]),
        licence=payload(6)[:100],
        channels=[ProjectChannel(label=joined(7, 8)[:100], url=url(BREAKING_URLS[2]))],
    )
    working_group = WorkingGroupPageFactory(
        title=titles[1],
        summary=f"{SEARCH_WORD} {joined(3, 7, 8, 10)}",
        website=url(BREAKING_URLS[2]),
    )
    person = PersonFactory(name=joined(1, 6), role=joined(7, 9), organisation=joined(8, 10, 20))
    edition = AnnualReportPageFactory(
        year=YEAR,
        title=f"{YEAR} {titles[2]}",
        seo_title=joined(9, 10),
        search_description=joined(6, 7, 8, 9),
        summary=f"{SEARCH_WORD} {joined(1, 2, 3, 6, 7, 8, 9, 10)}",
        intro=body(image),
        cover_image=image,
    )
    LetterPageFactory(
        parent=edition,
        title=titles[3],
        slug="letter",
        signatory=person,
        sign_off=joined(6, 9)[:120],
        search_description=joined(1, 8),
        body=body(image),
    )
    chapter = ChapterPageFactory(parent=edition, title=titles[4], slug="chapter", body=body(image))
    ProjectUpdatePageFactory(parent=chapter, project=project, slug="project", body=body(image))
    WorkingGroupUpdatePageFactory(
        parent=chapter, working_group=working_group, slug="working-group", body=body(image)
    )
    EventPageFactory(
        parent=edition,
        title=titles[5],
        slug="event",
        location=joined(6, 7, 8),
        figures=[("figure", {"value": "9 <svg onload=alert(3)>", "label": joined(9, 10)})],
        body=body(image),
    )
    general = GeneralSectionPageFactory(
        parent=edition, title=titles[6], slug="general", body=body(image)
    )
    GeneralSectionPageFactory(parent=general, title=titles[7], slug="sub", body=body(image))

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    before = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    announcement = Announcement.objects.create(
        locale=Locale.get_default(),
        text=joined(1, 6, 7, 8, 9)[:300],
        link_label=payload(7)[:60],
        url=url(BREAKING_URLS[0]),
    )
    settings.announcement = announcement
    settings.footer_text = joined(2, 6, 10, 20)
    settings.save()

    created = {"project": project.pk, "working_group": working_group.pk, "person": person.pk}
    created.update(image=image.pk, settings=before, announcement=announcement.pk)
    return created


def unseed(created):
    """Take it all away again: the server is shared with other test modules."""
    for edition in AnnualReportPage.objects.filter(year=YEAR):
        edition.delete()
    Page.objects.filter(pk__in=[created["project"], created["working_group"]]).delete()
    Person.objects.filter(pk=created["person"]).delete()
    Image.objects.filter(pk=created["image"]).delete()
    Embed.objects.filter(url=EMBED_URL).delete()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in created["settings"].items():
        setattr(settings, name, value)
    settings.save()
    Announcement.objects.filter(pk=created["announcement"]).delete()
