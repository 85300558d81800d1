"""Rich text in edition sources: exactly the markup the page editor (Draftail) can write.

The allowed tags and attributes are read from Wagtail's own rich-text feature registry (the
`contentstate` converter rules of each block's features), so a source file can hold nothing
an editor could not have saved, and adding a feature to a block widens both at once.
"""

import re
from html.parser import HTMLParser

from wagtail import blocks
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import check_url

from base.blocks import BodyBlock

BLOCK_KEY = "data-block-key"  # Draftail's id of a paragraph or list item
_SELECTOR = re.compile(r'^(?P<tag>[a-z0-9]+)(?:\[(?P<attr>[a-z-]+)(?:="(?P<value>[^"]*)")?\])?$')
_BLOCK_KEY_VALUE = re.compile(r"^[0-9A-Za-z_-]{1,40}$")
_ID = re.compile(r"^[0-9]{1,18}$")


def allowed_markup(features):
    """{tag: {attribute: allowed values (a set) or a check}} for these editor features."""
    allowed = {"p": {BLOCK_KEY: _BLOCK_KEY_VALUE.match}, "br": {}}
    features = features if features is not None else feature_registry.get_default_features()
    for feature in features:
        rule = feature_registry.get_converter_rule("contentstate", feature) or {}
        block_tags = {
            spec["element"]
            for spec in rule.get("to_database_format", {}).get("block_map", {}).values()
            if isinstance(spec, dict) and "element" in spec
        }
        for selector in rule.get("from_database_format", {}):
            match = _SELECTOR.match(selector)
            if not match:
                continue
            tag, attr, value = match["tag"], match["attr"], match["value"]
            attrs = allowed.setdefault(tag, {})
            if tag in block_tags:
                attrs[BLOCK_KEY] = _BLOCK_KEY_VALUE.match
            if attr == "href":
                attrs["href"] = check_url
            elif attr == "linktype" and value:
                attrs.setdefault("linktype", set()).add(value)
                attrs["id"] = _ID.match
    return allowed


def _describe(allowed):
    return ", ".join(f"<{tag}>" for tag in sorted(allowed))


class _Checker(HTMLParser):
    def __init__(self, allowed):
        super().__init__(convert_charrefs=True)
        self.allowed, self.problem = allowed, None

    def refuse(self, problem):
        self.problem = self.problem or problem

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self.refuse(
                f"<{tag}> is not allowed in rich text; the page editor writes only "
                f"{_describe(self.allowed)}"
            )
            return
        rules = self.allowed[tag]
        for name, value in attrs:
            rule = rules.get(name)
            if rule is None:
                kept = ", ".join(sorted(rules)) or "none"
                self.refuse(
                    f"the attribute {name!r} of <{tag}> is not allowed in rich text "
                    f"(attributes the page editor writes on <{tag}>: {kept})"
                )
            elif not (value in rule if isinstance(rule, set) else rule(value or "")):
                self.refuse(f"{name}={value!r} on <{tag}> is not allowed in rich text" + _why(name))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in self.allowed:
            self.refuse(f"</{tag}> is not allowed in rich text")

    def handle_comment(self, data):
        self.refuse("an HTML comment (<!-- … -->) is not allowed in rich text")

    def handle_decl(self, decl):
        self.refuse(f"<!{decl}> is not allowed in rich text")

    handle_pi = handle_decl

    def unknown_decl(self, data):
        self.refuse(f"<![{data}]> is not allowed in rich text")


def _why(attribute):
    if attribute == "href":
        return ": links go to http, https, ftp, mailto or tel addresses, or within the site"
    return ""


def rich_text_problem(html, features=None):
    """Why `html` is not something the editor with `features` writes, or None if it is."""
    checker = _Checker(allowed_markup(features))
    checker.feed(html or "")
    checker.close()
    return checker.problem


def _rich_texts(block, value, place):
    """(place, html, features) of every rich-text field inside one block's source value."""
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(value, str):
            yield place, value, block.features
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child in block.child_blocks.items():
            if name in value:
                yield from _rich_texts(child, value[name], f"{place} › {name}")
    elif isinstance(block, blocks.ListBlock) and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _rich_texts(block.child_block, item, f"{place}[{i}]")


def check_body(source_blocks, place, fail):
    """Call `fail(place, None, problem)` for the first rich text of a source body the page
    editor could not have written; `place` names the body (… › body)."""
    body = BodyBlock()
    for i, item in enumerate(source_blocks):
        for kind, value in item.items():
            if kind not in body.child_blocks:
                continue
            for where, html, features in _rich_texts(
                body.child_blocks[kind], value, f"{place}[{i}] › {kind}"
            ):
                problem = rich_text_problem(html, features)
                if problem:
                    fail(where, None, problem)


def check_source(source, fail):
    """check_body on every body of a whole (normalised) source: the edition's and sections'."""
    check_body(source["edition"]["intro"], "edition › intro", fail)

    def walk(sections, place):
        for i, section in enumerate(sections):
            here = f"{place}[{i}] “{section['title']}”"
            check_body(section.get("body", []), f"{here} › body", fail)
            walk(section.get("sections", []), f"{here} › sections")

    walk(source["sections"], "sections")
