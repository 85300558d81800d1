"""Reading pages and the seed as a person would: the words, in order."""

import re
from html.parser import HTMLParser

from tests.conftest import SEED

SKIPPED_SEED_LINES = {"Download as PDF"}
WORD = re.compile(r"\w+")


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html):
    extractor = _TextExtractor()
    extractor.feed(html)
    return " ".join(" ".join(extractor.parts).split())


def words(text):
    return WORD.findall(text.lower())


def seed_paragraphs():
    """Every paragraph, heading, list item and signature of the seed from the title on."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    title_index = next(i for i, line in enumerate(lines) if "Annual Report" in line and i > 0)
    paragraphs = []
    for line in lines[title_index:]:
        text = line.strip().lstrip("•").strip()
        if text and text not in SKIPPED_SEED_LINES:
            paragraphs.append(text)
    return paragraphs


def find_in_order(paragraphs, text):
    """The paragraphs whose words are not found as a run, in order, in `text`."""
    haystack = words(text)
    joined = " " + " ".join(haystack) + " "
    missing, position = [], 0
    for paragraph in paragraphs:
        needle = " " + " ".join(words(paragraph)) + " "
        found = joined.find(needle, position)
        if found < 0:
            missing.append(paragraph)
        else:
            position = found + len(needle) - 1
    return missing
