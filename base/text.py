"""A page's text as a reader reads it, plain: for descriptions, feeds, search excerpts and
reading time; and the footnote references of the body's rich text."""

import re

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, get_text_for_indexing

TAG = re.compile(r"<[^>]*>")


def _rich(value):
    source = value.source if isinstance(value, RichText) else str(value or "")
    return get_text_for_indexing(source)


def _rich_words(value):
    """Rich text's words for counting only: tags become spaces, entities are left (an HTML
    parser per block cost the edition page ~5% of its render)."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    return TAG.sub(" ", source)


def _block_text(block_type, value, _rich=_rich):
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


def word_count(stream):
    """About the number of words of body_text(stream), for reading times, without parsing."""
    if not isinstance(stream, StreamValue):
        return 0
    return sum(
        len(text.split())
        for block in stream
        for text in _block_text(block.block_type, block.value, _rich_words)
        if text
    )


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


def iso_date(value):
    return value.date().isoformat() if value else None


# Search excerpts.

TERM = re.compile(r"[\w][\w.,'’-]*[\w]|[\w]", re.UNICODE)


def query_terms(query):
    """The words of a query, longest first so that the longest match wins when highlighting."""
    terms = {t.strip(".,'’-").lower() for t in TERM.findall(query or "")}
    return sorted((t for t in terms if t), key=lambda t: (-len(t), t))


def term_pattern(terms):
    # A term matches at the start of a word and takes the rest of the word: commit -> commits.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.I)


def excerpt(text, terms, length=260):
    """The part of `text` around the first query term, cut at word boundaries."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    match = term_pattern(terms).search(text) if terms else None
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


# Footnotes: [0] in the text cites the footnote labelled 0 of the same body.

FOOTNOTE_REF = re.compile(r"\[([0-9A-Za-z]{1,8})\]")
TAG = re.compile(r"(<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)")


def heading_level(level, title_level):
    """A body heading's h-level: level 3 sits one below the section title, never past h6."""
    return min(6, int(title_level) + int(level) - 2)


def link_footnotes_of(html, section):
    """`link_footnote_references` for any page: one without footnotes (no `footnote_labels`,
    or none at all) leaves the text as it is."""
    if section is None or not hasattr(section, "footnote_labels"):
        return html
    return link_footnote_references(html, section)


def link_footnote_references(html, section):
    """Turn [0] in rendered text into a link to footnote 0 of the section, and back."""
    labels = section.footnote_labels
    if not labels:
        return html
    anchor = section.anchor
    seen = set()

    def replace(match):
        label = match.group(1)
        if label not in labels:
            return match.group(0)
        ref_id = f' id="{anchor}-fnref-{label}"' if label not in seen else ""
        seen.add(label)
        return (
            f'<sup class="footnote-ref"><a href="#{anchor}-fn-{label}"{ref_id}'
            f' aria-describedby="{anchor}-footnotes-label">[{label}]</a></sup>'
        )

    # Only in text: a [0] inside a tag (a link's address) rewritten would break out of it.
    parts = TAG.split(html)  # text, tag, text, tag… text
    return "".join(
        part if n % 2 else FOOTNOTE_REF.sub(replace, part) for n, part in enumerate(parts)
    )
