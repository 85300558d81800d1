"""The body of a section in an edition source: a list of blocks, each a mapping with one key,
the block type (the blocks of `base.blocks.BodyBlock`)."""

from pydantic import ConfigDict, Field, create_model

from .fields import (
    Filled,
    Mapping,
    RichText,
    Text,
    field_error,
    list_of,
    one_of,
    tagged,
    whole_number,
)

HeadingLevel = whole_number(3, 5)
ListStyle = one_of("bulleted", "numbered")


class Heading(Mapping):
    text: Filled
    level: HeadingLevel = 3
    """3 sits one level below the section title."""


class ItemList(Mapping):
    style: ListStyle = "bulleted"
    items: list[RichText] = Field(min_length=1)
    """Each item is inline HTML (may hold several <p>)."""


class Quote(Mapping):
    text: Filled
    attribution: Text = ""


class Image(Mapping):
    file: Filled
    """The image file, relative to this file: images/summit.jpg."""
    alt_text: Filled
    """Describes the image to people who cannot see it."""
    caption: Text = ""


class Figure(Mapping):
    value: Filled
    label: Filled


class KeyFigures(Mapping):
    title: Text = ""
    figures: list[Figure] = Field(min_length=1)


class TimelineEvent(Mapping):
    date: Filled
    """As printed: March 2020."""
    text: RichText


class Timeline(Mapping):
    title: Text = ""
    events: list[TimelineEvent] = Field(min_length=1)


class Link(Mapping):
    label: Filled
    url: Filled


class LinkList(Mapping):
    title: Text = ""
    links: list[Link] = Field(min_length=1)


class Footnote(Mapping):
    label: Filled
    """[label] in the section's text links to this note."""
    text: RichText


class Footnotes(Mapping):
    notes: list[Footnote] = Field(min_length=1)


class Embed(Mapping):
    url: Filled


BLOCKS = {
    "text": RichText,
    "heading": Heading,
    "list": ItemList,
    "quote": Quote,
    "image": Image,
    "key_figures": KeyFigures,
    "timeline": Timeline,
    "link_list": LinkList,
    "footnotes": Footnotes,
    "embed": Embed,
}


def _block_kind(value):
    """The block type: the one key of a block (a source mapping, or a model when dumped)."""
    return next(iter(value if isinstance(value, dict) else type(value).model_fields))


def _check_block(value):
    kinds = ", ".join(BLOCKS)
    if not isinstance(value, dict) or len(value) != 1:
        raise field_error(
            "block", "a block is a mapping with one key, one of: {kinds}", kinds=kinds
        )
    if _block_kind(value) not in BLOCKS:
        raise field_error(
            "block_type",
            "unknown block type; expected one of: {kinds}",
            str(_block_kind(value)),
            kinds=kinds,
        )
    return value


class _OneKey(Mapping):
    # Made by create_model: no class body to read attribute docstrings from.
    model_config = ConfigDict(use_attribute_docstrings=False)


Block = tagged(
    "Block",
    {
        kind: create_model(
            f"{kind.title().replace('_', '')}Block", __base__=_OneKey, **{kind: (value, ...)}
        )
        for kind, value in BLOCKS.items()
    },
    _block_kind,
    _check_block,
)


Body = list_of(Block, "must be a list of blocks")
