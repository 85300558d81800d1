"""Edits of the 2020 source that make it malformed, and what the error must say: shared by
the loader's tests and the JSON Schema's."""

from dataclasses import dataclass

from tests.reports.helpers import YEAR, replace_once


@dataclass
class Mistake:
    """An edit of the source that makes it invalid, and what the error must say."""

    id: str
    old: str
    new: str
    field: str | None
    place: str
    line_at: str | None = None  # text on the line the error names (in the edited file)
    line_after: str = ""  # when line_at is not unique: the first line_at after this

    def apply(self, text):
        return replace_once(text, self.old, self.new)


LETTER_3 = "sections[2] “Introducing the Open Infrastructure Foundation”"
KATA = "sections[3] “OpenInfra Foundation Project Updates” › sections[1] “Kata Containers 2020"
MISTAKES = [
    Mistake(
        "yaml-syntax",
        "    signatory: Alan Clark\n",
        "    signatory: Alan Clark: Chair\n",
        field=None,
        place="not valid YAML",
        line_at="signatory: Alan Clark: Chair",
    ),
    Mistake(
        "unknown-section-type",
        "  - type: chapter\n    title: Event Highlights\n",
        "  - type: chapters\n    title: Event Highlights\n",
        field="type",
        place="sections[8] “Event Highlights”",
        line_at="  - type: chapters\n",
    ),
    Mistake(
        "missing-signatory",
        "    signatory: Thierry Carrez\n",
        "",
        field="signatory",
        place=LETTER_3,
        line_at="  - type: letter\n    title: Introducing",
    ),
    Mistake(
        "signatory-not-in-people",
        "    signatory: Thierry Carrez\n",
        "    signatory: Thierry Carez\n",
        field="signatory",
        place=LETTER_3,
        line_at="signatory: Thierry Carez",
    ),
    Mistake(
        "invalid-link-url",
        "                - label: Website\n                  url: https://katacontainers.io/\n",
        "                - label: Website\n                  url: katacontainers dot io\n",
        field="url",
        place=f"{KATA} Annual Report” › body[5] › links[0]",
        # Found by Wagtail's validation: the line is that of the block holding the link.
        line_at="- link_list:",
        line_after="title: Kata Containers 2020 Annual Report",
    ),
    Mistake(
        "duplicate-slug",
        "        slug: openinfra-tv\n",
        "        slug: open-infrastructure-summit\n",
        field="slug",
        place="sections[8] “Event Highlights” › sections[1] “OpenInfra TV",
        line_at="slug: open-infrastructure-summit",
        line_after="title: 'OpenInfra TV",
    ),
    Mistake(
        "year-out-of-range",
        f"  year: {YEAR}\n",
        "  year: 1999\n",
        field="year",
        place="edition",
        line_at="  year: 1999\n",
    ),
    Mistake(
        "unknown-block-type",
        "      - heading:\n          text: Superuser\n",
        "      - headline:\n          text: Superuser\n",
        field="headline",
        place="sections[7] “Press & Analyst Highlights” › body[3]",
        line_at="- headline:",
    ),
    Mistake(
        "unknown-section-field",
        "    title: Event Highlights\n",
        "    title: Event Highlights\n    colour: red\n",
        field="colour",
        place="sections[8] “Event Highlights”",
        line_at="colour: red",
    ),
]
