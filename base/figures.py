"""Key figures as numbers: "3,016", "20+", "1.5M" and "45%" are text for readers and data for
charts and downloads. The text stays authoritative; the number, its qualifier and its unit are
what a spreadsheet can use."""

import re
from dataclasses import dataclass

NUMBER = re.compile(
    r"^\s*(?P<pre>~|≈|<|>|about |over |more than |up to )?\s*"
    r"(?P<digits>[0-9][0-9,.\s]*?)\s*(?P<scale>[kKmM]?)\s*(?P<post>\+|%)?\s*$"
)
SCALES = {"": 1, "k": 1_000, "m": 1_000_000}
QUALIFIERS = {
    "+": "at least",
    "~": "about",
    "≈": "about",
    "about": "about",
    "over": "more than",
    "more than": "more than",
    "<": "less than",
    ">": "more than",
    "up to": "at most",
}


@dataclass(frozen=True)
class Reading:
    number: int | float | None
    qualifier: str = ""
    unit: str = ""


def read_figure(text):
    """What a key figure's text says as data; number None when it is not a number."""
    match = NUMBER.match(str(text or ""))
    if not match:
        return Reading(None)
    digits = match["digits"].replace(",", "").replace(" ", "")
    try:
        number = float(digits) * SCALES[match["scale"].lower()]
    except ValueError:
        return Reading(None)
    number = int(number) if number == int(number) else number
    post = match["post"] or ""
    qualifier = QUALIFIERS.get((match["pre"] or "").strip()) or QUALIFIERS.get(post, "")
    return Reading(number, qualifier, "percent" if post == "%" else "")


def parse_figure(text):
    """The number a key figure reads as: 3,016 -> 3016, 120+ -> 120, 1.5M -> 1500000."""
    return read_figure(text).number


def key_figures(page):
    """(title, value text, label) of every key figure a page shows, in reading order: its
    body's key-figure blocks, then its own `figures` stream (an event's)."""
    for block in getattr(page, "body", None) or ():
        if block.block_type == "key_figures":
            for figure in block.value["figures"]:
                yield block.value.get("title") or "", figure["value"], figure["label"]
    for block in getattr(page, "figures", None) or ():
        yield "", block.value["value"], block.value["label"]
