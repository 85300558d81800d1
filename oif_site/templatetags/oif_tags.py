"""Template helpers of the public site: headings, footnotes, dates, page text for descriptions
and search excerpts, sharing metadata (OpenGraph, Twitter, JSON-LD)."""

import json
import re

from django import template
from django.templatetags.static import static
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, get_text_for_indexing

register = template.Library()

SITE_NAME = "OpenInfra Foundation"
SOCIAL_IMAGE = "images/social-card.png"  # 1200×630, made by scripts/make_social_card.py
SOCIAL_IMAGE_SIZE = (1200, 630)


@register.simple_tag
def heading_level(level, title_level):
    """A body heading's h-level: level 3 sits one below the section title, never past h6."""
    return min(6, int(title_level) + int(level) - 2)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def link_footnotes(html, section):
    """Link [0]-style references in rendered text to the section's footnotes."""
    from reports.models.sections import link_footnote_references

    if section is None or not hasattr(section, "footnote_labels"):
        return html
    return mark_safe(link_footnote_references(str(html), section))


@register.simple_tag
def date_range(start, end):
    """19–23 October 2020; 1 June – 30 October 2020; October 2020 when only one date."""
    if not start:
        return ""
    if not end or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


# Page text: what a reader reads, as plain text, for descriptions, feeds and search excerpts.


def _rich(value):
    source = value.source if isinstance(value, RichText) else str(value or "")
    return get_text_for_indexing(source)


def _block_text(block_type, value):
    """The words a body block shows; Wagtail's searchable content would add choice labels
    ("Heading", "Bulleted") that a reader never sees."""
    if block_type == "text":
        yield _rich(value)
    elif block_type == "heading":
        yield value["text"]
    elif block_type == "list":
        yield from (_rich(item) for item in value["items"])
    elif block_type == "quote":
        yield value["text"]
        yield value.get("attribution") or ""
    elif block_type == "image":
        yield value.get("caption") or ""
    elif block_type == "key_figures":
        yield value.get("title") or ""
        yield from (f"{f['value']} {f['label']}" for f in value["figures"])
    elif block_type == "timeline":
        yield value.get("title") or ""
        yield from (f"{e['date']}: {_rich(e['text'])}" for e in value["events"])
    elif block_type == "link_list":
        yield value.get("title") or ""
        yield from (link["label"] for link in value["links"])
    elif block_type == "footnotes":
        yield from (f"[{n['label']}] {_rich(n['text'])}" for n in value["notes"])


def body_text(stream):
    if not isinstance(stream, StreamValue):
        return ""
    parts = (text for block in stream for text in _block_text(block.block_type, block.value))
    return " ".join(" ".join(part for part in parts if part).split())


def page_text(page, *, with_summary=True):
    """A page's readable text: summary, then intro and body, whitespace collapsed."""
    parts = []
    if with_summary and getattr(page, "summary", ""):
        parts.append(page.summary)
    for name in ("intro", "body"):
        value = getattr(page, name, None)
        if isinstance(value, StreamValue):
            parts.append(body_text(value))
        elif value:
            parts.append(strip_tags(str(value)))
    return " ".join(" ".join(parts).split())


@register.filter
def display_url(url):
    """An address as people read it: katacontainers.io, not https://katacontainers.io/."""
    text = re.sub(r"^https?://(www\.)?", "", str(url or ""))
    return text.rstrip("/")


@register.filter
def opening_words(page, count=60):
    """The first `count` words of a page's text, for teasers that lead to the page."""
    return Truncator(page_text(page, with_summary=False)).words(int(count))


@register.simple_tag(takes_context=True)
def page_description(context, page=None, length=160):
    """The description of a page for search engines and link previews: what the editor wrote
    (search description, summary), else the opening of the text, else the site's tagline."""
    page = page or context.get("page")
    if page is not None:
        for value in (getattr(page, "search_description", ""), getattr(page, "summary", "")):
            if value:
                return value
        text = page_text(page, with_summary=False)
        if text:
            return Truncator(text).chars(length)
    site_settings = _site_settings(context)
    return getattr(site_settings, "footer_text", "") or ""


def _site_settings(context):
    # Wagtail's settings proxy is a lazily filled dict: empty, and so falsy, until asked.
    settings = context.get("settings")
    if settings is None:
        return None
    try:
        return settings["oif_site"]["SiteSettings"]
    except (KeyError, TypeError, RuntimeError):
        return None


# Search excerpts.

TERM = re.compile(r"[\w][\w.,'’-]*[\w]|[\w]", re.UNICODE)


def query_terms(query):
    """The words of a query, longest first so that the longest match wins when highlighting."""
    terms = {t.strip(".,'’-").lower() for t in TERM.findall(query or "")}
    return sorted((t for t in terms if t), key=lambda t: (-len(t), t))


def _term_pattern(terms):
    # A term matches at the start of a word and takes the rest of the word: commit -> commits.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.I)


def excerpt(text, terms, length=260):
    """The part of `text` around the first query term, cut at word boundaries."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    match = _term_pattern(terms).search(text) if terms else None
    if match is None:
        return Truncator(text).chars(length)
    start = max(0, match.start() - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > match.end() else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


@register.filter
def highlight(text, query):
    """`text`, HTML-escaped, with the query's terms wrapped in <mark>."""
    text = str(text or "")
    terms = query_terms(query) if isinstance(query, str) else list(query or [])
    if not terms:
        return escape(text)
    out, position = [], 0
    for match in _term_pattern(terms).finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


# Sharing and discovery.


@register.simple_tag(takes_context=True)
def social_image(context, page=None):
    """The image link previews show: the edition's cover for an edition and its sections, the
    site's image from the settings, else the built-in card. Absolute URL, size and alt text."""
    request = context.get("request")
    page = page or context.get("page")
    image = None
    edition = _edition_of(page)
    if edition is not None and edition.cover_image_id:
        image = edition.cover_image
    if image is None:
        site_settings = _site_settings(context)
        if site_settings is not None and site_settings.social_image_id:
            image = site_settings.social_image
    if image is not None:
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        url, width, height, alt = rendition.url, rendition.width, rendition.height, image.title
    else:
        url, (width, height) = static(SOCIAL_IMAGE), SOCIAL_IMAGE_SIZE
        alt = "OpenInfra Foundation Annual Report"
    if request is not None and not url.startswith(("http://", "https://")):
        url = request.build_absolute_uri(url)
    return {"url": url, "width": width, "height": height, "alt": alt}


@register.simple_tag
def og_type(page):
    """OpenGraph's type: an article for an edition or a section, a website for the rest."""
    return "article" if _edition_of(page) is not None else "website"


def _edition_of(page):
    from reports.models import AnnualReportPage, EditionSectionPage

    if isinstance(page, AnnualReportPage):
        return page
    if isinstance(page, EditionSectionPage):
        return page.edition
    return None


def _absolute(page, request):
    return page.get_full_url(request) if page is not None else None


def _json_ld_script(data):
    # Escape what could close the script element or start a comment in it.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def json_ld(context, page=None):
    """Structured data for search engines: the site on the home page, a Report for an edition,
    an Article for a section, a project as software, with breadcrumbs on every inner page."""
    from projects.models import ProjectPage, WorkingGroupPage
    from reports.models import AnnualReportPage, EditionSectionPage

    request = context.get("request")
    page = page or context.get("page")
    if page is None:
        return ""
    url = _absolute(page, request)
    url_parts = page.get_url_parts(request)
    root_url = url_parts[1] if url_parts else ""
    publisher = {
        "@type": "Organization",
        "name": "Open Infrastructure Foundation",
        "alternateName": "OpenInfra Foundation",
        "url": "https://openinfra.dev/",
    }
    description = page_description(context, page)
    image = social_image(context, page)["url"]
    graph = []
    if page.depth <= 2:
        graph.append(
            {
                "@type": "WebSite",
                "name": page.title,
                "url": url,
                "description": description,
                "publisher": publisher,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{root_url.rstrip('/')}/search/?q={{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            }
        )
    else:
        item = {"@type": "WebPage", "name": page.title, "url": url, "description": description}
        if isinstance(page, AnnualReportPage):
            item.update({"@type": "Report", "headline": page.title, "image": image})
            item["datePublished"] = _date(page.first_published_at)
            item["dateModified"] = _date(page.last_published_at)
            item["publisher"] = publisher
            item["temporalCoverage"] = str(page.year)
        elif isinstance(page, EditionSectionPage):
            edition = page.edition
            item.update({"@type": "Article", "headline": page.title[:110], "image": image})
            item["datePublished"] = _date(page.first_published_at)
            item["dateModified"] = _date(page.last_published_at)
            item["publisher"] = publisher
            item["author"] = publisher
            if edition is not None:
                item["isPartOf"] = {
                    "@type": "Report",
                    "name": edition.title,
                    "url": _absolute(edition, request),
                }
        elif isinstance(page, ProjectPage):
            item.update({"@type": "SoftwareSourceCode", "applicationCategory": "Infrastructure"})
            for key, value in (
                ("sameAs", page.website),
                ("codeRepository", page.repository),
                ("license", page.licence),
            ):
                if value:
                    item[key] = value
        elif isinstance(page, WorkingGroupPage):
            item.update({"@type": "Organization", "parentOrganization": publisher})
            if page.website:
                item["sameAs"] = page.website
        graph.append({k: v for k, v in item.items() if v})
        crumbs = [a for a in page.get_ancestors() if a.depth > 1] + [page]
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": n,
                        "name": "Home" if crumb.depth == 2 else crumb.title,
                        "item": _absolute(crumb, request),
                    }
                    for n, crumb in enumerate(crumbs, start=1)
                ],
            }
        )
    return _json_ld_script({"@context": "https://schema.org", "@graph": graph})


def _date(value):
    return value.date().isoformat() if value else None


@register.simple_tag
def edition_years(current):
    """Every live, public edition for the year switch, newest first, the current one marked."""
    from reports.models import AnnualReportPage

    editions = list(
        AnnualReportPage.objects.live()
        .public()
        .order_by("-year")
        .only("id", "title", "year", "url_path", "path", "depth")
    )
    return [{"page": e, "year": e.year, "current": e.pk == current.pk} for e in editions]


@register.filter
def reading_minutes(sections):
    """Minutes to read the sections at 230 words a minute, for the edition header."""
    words = sum(len(body_text(getattr(s, "body", None)).split()) for s in sections or [])
    return max(1, round(words / 230))
