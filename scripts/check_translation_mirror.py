"""Check that a Japanese edition source mirrors its English source, and says it is a translation.

A translation (`content/editions/2020.ja.yaml`) must keep the source's structure: the same keys in
the same order, the same list lengths, the same structural values (slugs, types, years, dates,
URLs, figures' values, profile references), the same HTML tags and attributes in rich text and the
same footnote markers and lines; every human-readable string, paragraph by paragraph, must hold
Japanese text unless it is only a URL, a number or a listed proper name. Usage:

    python scripts/check_translation_mirror.py \
        content/editions/2020.yaml content/editions/2020.ja.yaml

It prints one line per difference and exits 1 if there is any, 0 (silently) if there is none.
"""

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

# Keys whose string values a reader sees and a translator translates.
TEXT_KEYS = {
    "title",
    "summary",
    "text",
    "label",
    "caption",
    "alt_text",
    "attribution",
    "role",
    "signatory_title",
    "sign_off",
    "location",
    "date",
}
# Lists of strings a reader sees (list blocks' items).
TEXT_LISTS = {"items"}
# Exceptions by place: footnote labels are markers; people's and projects' names are names.
STRUCTURAL_PLACES = [
    re.compile(r"\.notes\[\d+\]\.label$"),
    re.compile(r"^people\[\d+\]\.name$"),
    re.compile(r"^people\[\d+\]\.organisation$"),
    re.compile(r"^projects\[\d+\]\.name$"),
]
TEXT_PLACES = [re.compile(r"^working_groups\[\d+\]\.name$")]

# Proper names that stay in Latin script when they make up a whole string (headings, titles,
# list items naming a programme). Anything else without Japanese text is reported.
PROPER_NAMES = {
    "Airship",
    "COA",
    "Kata Containers",
    "Magma",
    "Open Infrastructure Summit",
    "OpenDev",
    "OpenInfra Labs",
    "OpenStack",
    "OpenStack Days / OpenInfra Days / Cloud Operator Days",
    "OpenStack Powered Compute",
    "OpenStack Powered DNS",
    "OpenStack Powered Object Storage",
    "OpenStack Powered Orchestration",
    "OpenStack Powered Platform",
    "OpenStack Upstream Institute",
    "StarlingX",
    "Superuser",
    "TaCT",
    "openinfralabs",
    "Ussuri",
    "Victoria",
    "Zuul",
}

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
# What may stand untranslated: URLs, addresses (the source's "[email protected]" included), numbers.
NOT_WORDS = re.compile(
    r"https?://\S+|\S+@\S+|\[email protected\]|[\d\s.,:;%+\-–—/()\[\]'’\"“”!?&]+"
)
MARKER = re.compile(r"\[\d+\]")
TRANSLATION_KEYS = ["locale", "source", "translated", "translators", "note"]


BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd", "dt"}


class _Tags(HTMLParser):
    """Collects the tags (with attributes) of a piece of rich text, and its text per block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.blocks = [], [""]

    def handle_starttag(self, tag, attrs):
        self.tags.append(("<", tag, tuple(attrs)))
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append(("<>", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tags.append((">", tag, ()))
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        self.blocks[-1] += data


def parse_html(value):
    """The tag sequence of `value`, and its visible text, one string per paragraph or item."""
    parser = _Tags()
    parser.feed(value)
    parser.close()
    return parser.tags, [block for block in parser.blocks if block.strip()]


def is_text_place(place, key):
    if any(pattern.search(place) for pattern in TEXT_PLACES):
        return True
    if any(pattern.search(place) for pattern in STRUCTURAL_PLACES):
        return False
    return key in TEXT_KEYS or key in TEXT_LISTS


def untranslated(visible):
    """True when `visible` text should have been translated but holds no Japanese."""
    stripped = visible.strip()
    if not stripped or JAPANESE.search(stripped):
        return False
    if stripped in PROPER_NAMES:
        return False
    return bool(NOT_WORDS.sub("", stripped).strip())


def compare_text(place, source, translation, problems):
    if source == "" or translation == "":
        if source != translation:
            problems.append(f"{place}: empty in one file only ({source!r} → {translation!r})")
        return
    source_tags, _ = parse_html(source)
    translation_tags, blocks = parse_html(translation)
    if source_tags != translation_tags:
        difference = _first_difference(source_tags, translation_tags)
        problems.append(f"{place}: HTML tags/attributes differ: {difference}")
    markers = MARKER.findall(source), MARKER.findall(translation)
    if markers[0] != markers[1]:
        problems.append(f"{place}: footnote markers differ: {markers[0]} → {markers[1]}")
    lines = source.count("\n") + 1, translation.count("\n") + 1
    if lines[0] != lines[1]:
        problems.append(f"{place}: {lines[0]} lines in the source, {lines[1]} here")
    for block in blocks:
        if untranslated(block):
            problems.append(f"{place}: not translated: {block.strip()[:80]!r}")


def _first_difference(left, right):
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            return f"tag #{index}: {a} → {b}"
    return f"{len(left)} tags → {len(right)} tags"


def compare(place, key, source, translation, problems):
    """Walk both documents together, appending a line per difference to `problems`."""
    if type(source) is not type(translation):
        problems.append(
            f"{place}: {type(source).__name__} in the source, {type(translation).__name__} here"
        )
    elif isinstance(source, dict):
        source_keys, translation_keys = list(source), list(translation)
        for missing in [k for k in source_keys if k not in translation]:
            problems.append(f"{place}: missing key {missing!r}")
        for extra in [k for k in translation_keys if k not in source]:
            problems.append(f"{place}: extra key {extra!r}")
        common = [k for k in source_keys if k in translation]
        if common != [k for k in translation_keys if k in source]:
            problems.append(f"{place}: keys in another order: {translation_keys}")
        for k in common:
            compare(f"{place}.{k}" if place else k, k, source[k], translation[k], problems)
    elif isinstance(source, list):
        if len(source) != len(translation):
            problems.append(f"{place}: {len(source)} items in the source, {len(translation)} here")
        for index, (a, b) in enumerate(zip(source, translation, strict=False)):
            compare(f"{place}[{index}]", key, a, b, problems)
    elif isinstance(source, str) and is_text_place(place, key):
        compare_text(place, source, translation, problems)
    elif source != translation:
        problems.append(f"{place}: structural value changed: {source!r} → {translation!r}")


def check_header(translation, source_path, problems):
    """The translation names itself: `translation:` right after `format:`."""
    keys = list(translation)
    if keys[:2] != ["format", "translation"]:
        problems.append(f"top level: expected 'format' then 'translation' first, found {keys[:2]}")
    header = translation.get("translation")
    if not isinstance(header, dict):
        problems.append("translation: missing (a mapping with locale, source, translated, …)")
        return
    if header.get("locale") != "ja":
        problems.append(f"translation.locale: {header.get('locale')!r}, expected 'ja'")
    if list(header) != TRANSLATION_KEYS:
        problems.append(f"translation: keys should be {TRANSLATION_KEYS}, found {list(header)}")
    if header.get("source") != source_path.name:
        found = header.get("source")
        problems.append(f"translation.source: {found!r}, expected {source_path.name!r}")
    if not header.get("translators"):
        problems.append("translation.translators: no translator credited")
    if not JAPANESE.search(str(header.get("note", ""))):
        problems.append("translation.note: should say in Japanese that the English prevails")


def check(source_path, translation_path):
    source = yaml.safe_load(source_path.read_text(encoding="utf-8"))
    translation = yaml.safe_load(translation_path.read_text(encoding="utf-8"))
    problems = []
    if not isinstance(translation, dict):
        return [f"{translation_path}: not a YAML mapping"]
    check_header(translation, source_path, problems)
    body = {k: v for k, v in translation.items() if k != "translation"}
    compare("", None, source, body, problems)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("translation", type=Path)
    args = parser.parse_args(argv)
    problems = check(args.source, args.translation)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
