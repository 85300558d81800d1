"""Pair the strings of a translated object with the segments of its source, place by place.

wagtail-localize extracts an object's strings in a fixed order (fields, then blocks, struct
children and list items in order), each at a path naming block ids. The translated object is
built from the translation file with the source's shape, so its strings come out in the same
order, at the same paths but for the ids: the n-th of one is the translation of the n-th of
the other.
"""

import re

from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .yaml_io import SourceError

_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _strings(obj):
    return [s for s in extract_segments(obj) if isinstance(s, StringSegmentValue)]


def shape(path):
    """A segment path without its block ids: body.*.items.* for either object."""
    return _ID.sub("*", path)


def paired_strings(source_object, translated_object, path, line, place):
    """{(segment path, source text): translated StringValue} (a rich text block holds several
    strings at one path); a SourceError names the place
    where the translation's text does not line up with the source's."""
    source, translated = _strings(source_object), _strings(translated_object)
    for i, (a, b) in enumerate(zip(source, translated, strict=False)):
        if shape(a.path) != shape(b.path):
            raise SourceError(
                path, line, place, shape(b.path),
                f"text #{i + 1} is where the source has {shape(a.path)}: "
                "same blocks, in the same order, please",
            )  # fmt: skip
        if set(a.attrs or {}) != set(b.attrs or {}):
            raise SourceError(
                path, line, place, shape(a.path),
                f"{b.string.data!r} has not the links of the source's {a.string.data!r}",
            )  # fmt: skip
    if len(source) != len(translated):
        extra = (source if len(source) > len(translated) else translated)[
            min(len(source), len(translated))
        ]
        raise SourceError(
            path, line, place, shape(extra.path),
            f"{len(translated)} texts where the source has {len(source)}: "
            "a text is missing or was split",
        )  # fmt: skip
    return {(a.path, a.string.data): b.string for a, b in zip(source, translated, strict=True)}
