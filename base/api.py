"""The body StreamBlock as JSON a client can render without the site: rich text with every
link and image made absolute (not Wagtail's `<a linktype="page" id="…">` storage markup),
images with their renditions and alt text, footnotes and key figures as data."""

import re

from rest_framework.fields import Field
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from .blocks import KeyFigureBlock
from .figures import read_figure

API_RENDITIONS = ("width-800", "width-1600")  # a subset of blocks.IMAGE_RENDITIONS
LOCAL_URL = re.compile(r'(\s(?:href|src)=")(/[^"]*)"')


def site_root(request):
    """The public address links are made absolute with: the Site's, as pages' full URLs."""
    site = Site.find_for_request(request) if request is not None else None
    return site.root_url if site is not None else ""


def absolute(url, root):
    return f"{root}{url}" if url and url.startswith("/") and not url.startswith("//") else url


def absolute_html(html, root):
    return LOCAL_URL.sub(lambda m: f'{m[1]}{absolute(m[2], root)}"', html)


def image_data(image, root):
    renditions = image.get_renditions(*API_RENDITIONS)
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "renditions": {
            spec: {
                "url": absolute(rendition.url, root),
                "width": rendition.width,
                "height": rendition.height,
            }
            for spec, rendition in renditions.items()
        },
    }


def figure_data(value):
    reading = read_figure(value["value"])
    return {
        "value": value["value"],
        "label": value["label"],
        "number": reading.number,
        "qualifier": reading.qualifier,
        "unit": reading.unit,
    }


def block_data(block, value, root):
    if isinstance(block, blocks.RichTextBlock):
        return absolute_html(expand_db_html(value.source), root)
    if isinstance(block, ImageChooserBlock):
        return image_data(value, root) if value is not None else None
    if isinstance(block, EmbedBlock):
        return value.url if value is not None else None
    if isinstance(block, KeyFigureBlock):
        return figure_data(value)
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_data(child, value[name], root) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [block_data(block.child_block, item, root) for item in value]
    if isinstance(block, blocks.StreamBlock):
        return stream_data(value, root)
    return block.get_api_representation(value)


def stream_data(stream, root):
    return [
        {
            "type": child.block_type,
            "id": child.id,
            "value": block_data(child.block, child.value, root),
        }
        for child in stream
    ]


class StreamDataField(Field):
    """A StreamField for the API, in the shape described above."""

    def to_representation(self, value):
        return stream_data(value, site_root(self.context.get("request")))


class ImageDataField(Field):
    """An image with its renditions, absolute."""

    def to_representation(self, value):
        return image_data(value, site_root(self.context.get("request")))


class AbsoluteURLField(Field):
    """A site-relative address (a property of the object) made absolute."""

    def to_representation(self, value):
        return absolute(value, site_root(self.context.get("request")))
