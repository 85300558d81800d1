"""The one body StreamBlock of the site, shared by every page that has a body."""

import contextlib
import contextvars

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock as BaseImageChooserBlock
from wagtail.rich_text import expand_db_html
from wagtail_localize.segments import StringSegmentValue

from base.text import heading_level, link_footnotes_of

# The renditions templates/blocks/image_block.html asks for: prefetched with the images.
IMAGE_RENDITIONS = ("width-400", "width-800", "width-1600")
_preloaded_images = contextvars.ContextVar("preloaded_images", default=None)


class ImageChooserBlock(BaseImageChooserBlock):
    """Takes images from `preload_images` when it is active: one query for a whole edition."""

    def bulk_to_python(self, values):
        cache = _preloaded_images.get()
        if cache is None or any(value not in cache for value in values if value is not None):
            return super().bulk_to_python(values)
        return [cache.get(value) for value in values]


def image_ids(stream_value):
    """The ids of the images a stream's image blocks show, without loading them."""
    return set(_image_ids(stream_value.raw_data))


def _image_ids(raw_blocks):
    for block in raw_blocks:
        if block.get("type") == "image" and isinstance(block.get("value"), dict):
            image_id = block["value"].get("image")
            if image_id is not None:
                yield image_id


@contextlib.contextmanager
def preload_images(stream_values):
    """Fetch every image of these StreamValues, with their renditions, in two queries."""
    ids = {image_id for value in stream_values for image_id in _image_ids(value.raw_data)}
    images = (
        get_image_model().objects.prefetch_renditions(*IMAGE_RENDITIONS).in_bulk(ids) if ids else {}
    )
    token = _preloaded_images.set(images)
    try:
        yield
    finally:
        _preloaded_images.reset(token)


INLINE_FEATURES = ["bold", "italic", "link", "superscript", "subscript"]
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"

    def render(self, value, context=None):
        """The text in its wrapper, its [0]-style references linked to the footnotes of the
        section being rendered (`section` in the context). Written here rather than in a
        template: most of an edition page's ~100 blocks are text, and two nested template
        renders a block (the block's and Wagtail's richtext.html, which is `{{ html|safe }}`)
        were ~15 % of the page's CPU. The links are expanded by Wagtail, as the |richtext
        filter would."""
        html = link_footnotes_of(expand_db_html(value.source), (context or {}).get("section"))
        return format_html('<div class="rich-text">{}</div>\n', mark_safe(html))  # noqa: S308


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("3", "Heading"), ("4", "Sub-heading"), ("5", "Minor heading")],
        default="3",
        help_text="Heading sits one level below the section's title, sub-heading two.",
    )

    class Meta:
        icon = "title"

    def render(self, value, context=None):
        """<h4 class="body-heading" id="zuul-releases">Releases</h4>: the level below the
        section's title (`title_level` in the context), the id from the section's
        `heading_anchors` by `block_id` (none outside a section). Written here rather than
        in a template, as RichTextBlock's: ~25 headings an edition page."""
        context = context or {}
        level = heading_level(value["level"], context.get("title_level") or 1)
        anchors = getattr(context.get("section"), "heading_anchors", None)
        anchor = anchors.get(context.get("block_id")) if anchors else None
        if anchor:
            return format_html(
                '<h{} class="body-heading" id="{}">{}</h{}>\n', level, anchor, value["text"], level
            )
        return format_html('<h{} class="body-heading">{}</h{}>\n', level, value["text"], level)


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", "Bulleted"), ("numbered", "Numbered")], default="bulleted"
    )
    items = blocks.ListBlock(blocks.RichTextBlock(features=INLINE_FEATURES), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/list_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255, help_text="Describes the image for people who cannot see it. Required."
    )
    caption = blocks.CharBlock(required=False, max_length=500)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=40, help_text="As it should read: 3,016 or 120+.")
    label = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "order"

    # Translations (wagtail-localize): the label is translated, the value is the source's.
    def get_translatable_segments(self, value):
        return [StringSegmentValue("label", value["label"])] if value["label"] else []

    def restore_translated_segments(self, value, segments):
        for segment in segments:
            if segment.path == "label":
                value["label"] = segment.render_text()
        return value


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1)

    class Meta:
        icon = "order"
        template = "blocks/key_figures_block.html"


class TimelineEventBlock(blocks.StructBlock):
    date = blocks.CharBlock(max_length=80, help_text="As it should read: March 2020.")
    text = blocks.RichTextBlock(features=INLINE_FEATURES)


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255)
    events = blocks.ListBlock(TimelineEventBlock(), min_num=1)

    class Meta:
        icon = "date"
        template = "blocks/timeline_block.html"


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=255)
    url = blocks.URLBlock()


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255, help_text="Get involved, Find us at…")
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    class Meta:
        icon = "link"
        template = "blocks/link_list_block.html"


class FootnoteBlock(blocks.StructBlock):
    label = blocks.RegexBlock(
        regex=r"^[0-9A-Za-z]{1,8}$",
        max_length=8,
        help_text="What the text cites: [0] in the text cites the footnote labelled 0.",
        error_messages={"invalid": "A footnote label is 1 to 8 letters or digits."},
    )
    text = blocks.RichTextBlock(features=INLINE_FEATURES)


class FootnotesBlock(blocks.StructBlock):
    notes = blocks.ListBlock(FootnoteBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/footnotes_block.html"

    def clean(self, value):
        value = super().clean(value)
        labels = [note["label"] for note in value["notes"]]
        duplicates = sorted({label for label in labels if labels.count(label) > 1})
        if duplicates:
            raise ValidationError(f"Footnote labels must be unique: {', '.join(duplicates)}")
        return value


class EmbedVideoBlock(blocks.StructBlock):
    url = EmbedBlock(help_text="A YouTube, Vimeo… address.")

    class Meta:
        icon = "media"
        label = "Embed"
        template = "blocks/embed_block.html"


class BodyBlock(blocks.StreamBlock):
    text = RichTextBlock()
    heading = HeadingBlock()
    list = ListBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()
    link_list = LinkListBlock()
    footnotes = FootnotesBlock()
    embed = EmbedVideoBlock()

    class Meta:
        block_counts = {"footnotes": {"max_num": 1}}
