"""Rich text in edition sources: only what the page editor can write is loaded or exported."""

import json
import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from base.blocks import INLINE_FEATURES, TEXT_FEATURES
from reports.models import ProjectUpdatePage
from reports.sources.export import ExportError, export_edition
from reports.sources.load import load_edition
from reports.sources.richtext import rich_text_problem
from reports.sources.yaml_io import SourceError
from tests.reports.helpers import (
    db_snapshot,
    find_section,
    line_of,
    replace_once,
    source_data,
    source_text,
    write_source,
)

pytestmark = pytest.mark.django_db

KATA = (
    "sections[3] “OpenInfra Foundation Project Updates” › "
    "sections[1] “Kata Containers 2020 Annual Report”"
)
KATA_TEXT = (
    "<p>Kata Containers production deployments continued to expand in 2020, for example:</p>"
)

# (payload, what the message must name)
PAYLOADS = [
    ("<p>Hi<script>alert(11)</script></p>", "<script> is not allowed in rich text"),
    ('<p><img src=x onerror="alert(12)"></p>', "<img> is not allowed in rich text"),
    ('<p><a href="javascript:alert(13)">x</a></p>', "href='javascript:alert(13)' on <a>"),
    ('<p><a href=" JaVa&#x09;script:alert(14)">x</a></p>', "href=' JaVa\\tscript:alert(14)'"),
    ('<p><iframe src="javascript:alert(15)"></iframe></p>', "<iframe> is not allowed"),
    ('<p onclick="alert(16)">x</p>', "the attribute 'onclick' of <p> is not allowed"),
    ('<p><a href="data:text/html,<script>alert(17)</script>">x</a></p>', "href='data:text/html"),
    ('<p><a href="https://example.org" onmouseover="alert(18)">x</a></p>', "'onmouseover' of <a>"),
    ("<p><svg onload=alert(19)></svg></p>", "<svg> is not allowed"),
    ('<p style="background:url(javascript:alert(20))">x</p>', "the attribute 'style' of <p>"),
    ("<p>x<!-- --><script>alert(21)</script></p>", "an HTML comment"),
    ("<p><h2>Not an editor heading here</h2></p>", "<h2> is not allowed"),
]


@pytest.mark.parametrize(("payload", "named"), PAYLOADS)
def test_a_text_block_with_markup_the_editor_cannot_write_is_refused(tmp_path, payload, named):
    text = replace_once(source_text(), KATA_TEXT, payload.replace('"', "'"))
    text = replace_once(text, f"- text: {payload.replace(chr(34), chr(39))}", _quoted(payload))
    path = write_source(tmp_path, text)
    before = db_snapshot()

    with pytest.raises(SourceError) as error:
        load_edition(path)

    message = str(error.value)
    assert message.startswith(f"{path}, line {line_of(text, _quoted(payload))}: ")
    assert f"{KATA} › body[2] › text: " in message
    assert named in message
    assert db_snapshot() == before


def _quoted(payload):
    """The payload as one YAML line (a double-quoted scalar)."""
    return "- text: " + json.dumps(payload)


def test_every_rich_text_field_of_every_block_is_checked(tmp_path):
    """List items, timeline events and footnotes are rich text too."""
    cases = {
        "list": ({"items": ["fine", "<b onclick='x()'>no</b>"]}, "list › items[1]"),
        "timeline": (
            {"events": [{"date": "May", "text": "<a href='javascript:x()'>no</a>"}]},
            "timeline › events[0] › text",
        ),
        "footnotes": (
            {"notes": [{"label": "0", "text": "<script>x()</script>"}]},
            "footnotes › notes[0] › text",
        ),
    }
    for kind, (value, place) in cases.items():
        data = source_data()
        find_section(data["sections"], "kata-containers")["body"].append({kind: value})
        path = write_source(tmp_path, data, name=f"{kind}.yaml")
        with pytest.raises(SourceError, match=re.escape(f"{KATA} › body[6] › {place}: ")):
            load_edition(path)
        if kind == "list":  # the line of the offending item itself
            with pytest.raises(SourceError, match=f"line {line_of(path.read_text(), 'onclick')}:"):
                load_edition(path)


def test_the_edition_intro_is_checked(tmp_path):
    data = source_data()
    data["edition"]["intro"] = [{"text": "<p>ok</p>"}, {"text": "<p><object>x</object></p>"}]
    path = write_source(tmp_path, data)

    with pytest.raises(SourceError, match=re.escape("edition › intro[1] › text: <object>")):
        load_edition(path)


def _editor_html(features, blocks):
    """The HTML Draftail's converter saves for this content state, as the editor would."""
    state = {"blocks": blocks, "entityMap": {"0": _link("https://openinfra.dev/?a=1&b=2")}}
    return ContentstateConverter(features).to_database_format(json.dumps(state))


def _link(url):
    return {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}


def _block(text, kind="unstyled", styles=(), entity=False):
    return {
        "key": "k" + str(abs(hash(text)) % 9999),
        "type": kind,
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [{"offset": 0, "length": 3, "style": s} for s in styles],
        "entityRanges": [{"offset": 4, "length": 3, "key": 0}] if entity else [],
    }


def test_everything_the_editor_writes_is_accepted():
    html = _editor_html(
        TEXT_FEATURES,
        [
            _block("bold text", styles=["BOLD"], entity=True),
            _block("ital text\nnew line", styles=["ITALIC", "SUPERSCRIPT", "SUBSCRIPT"]),
            _block("one item", "unordered-list-item"),
            _block("two item", "ordered-list-item", entity=True),
        ],
    )
    for tag in ("<b>", "<i>", "<sup>", "<sub>", "<ul>", "<ol>", "<li", "<a href", "<br/>"):
        assert tag in html
    assert rich_text_problem(html, TEXT_FEATURES) is None
    assert rich_text_problem('<p><a linktype="page" id="3">x</a></p>', INLINE_FEATURES) is None
    # A list is a text block's feature, not a list item's.
    assert "<ul> is not allowed" in rich_text_problem("<ul><li>x</li></ul>", INLINE_FEATURES)


def test_an_edition_with_every_editor_feature_exports_and_reloads_unchanged(tmp_path):
    data = source_data()
    rich = _editor_html(
        TEXT_FEATURES,
        [
            _block("bold text", styles=["BOLD", "SUBSCRIPT"], entity=True),
            _block("an item", "ordered-list-item"),
        ],
    )
    body = find_section(data["sections"], "kata-containers")["body"]
    body.append({"text": rich})
    body.append({"list": {"style": "numbered", "items": ["<i>x</i><sup>2</sup>"]}})
    load_edition(write_source(tmp_path, data))

    exported = export_edition(2090, tmp_path / "out" / "edition.yaml")
    report = load_edition(exported)

    assert not report.changed
    assert rich in exported.read_text(encoding="utf-8")


def test_export_refuses_what_the_loader_would_refuse(tmp_path):
    page = ProjectUpdatePage.objects.get(slug="kata-containers").get_latest_revision_as_object()
    raw = list(page.body.raw_data)
    raw[2] = {**raw[2], "value": "<p>x<script>alert(1)</script></p>"}
    page.body = raw
    page.save_revision()  # a draft written past the editor, e.g. by a script
    target = tmp_path / "2020.yaml"

    with pytest.raises(ExportError, match=re.escape("Kata Containers 2020 Annual Report")):
        export_edition(2020, target)
    with pytest.raises(CommandError, match="Nothing was written.*<script> is not allowed"):
        call_command("export_edition", "2020", str(target))
    assert not target.exists()
