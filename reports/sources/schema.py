"""The shape of an edition source: checked before anything touches the database.

`normalise` turns a parsed file into the canonical form (every key present, in export
order, defaults filled in), so "unchanged" is a plain comparison with what export writes.
"""

import datetime

from .yaml_io import Node, Seq, SourceError

REQUIRED = object()


class Field:
    def __init__(self, default=REQUIRED):
        self.default = default

    def check(self, value, ctx, name):
        raise NotImplementedError


class Str(Field):
    def __init__(self, default=REQUIRED, choices=None, blank=True):
        super().__init__(default)
        self.choices, self.blank = choices, blank

    def check(self, value, ctx, name):
        if value is None and self.default is not REQUIRED:
            return self.default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            ctx.fail(name, f"must be text, not {type(value).__name__}")
        if not self.blank and not value.strip():
            ctx.fail(name, "must not be empty")
        if self.choices and value not in self.choices:
            ctx.fail(name, f"{value!r} is not one of: {', '.join(self.choices)}")
        return value


class Int(Field):
    def __init__(self, default=REQUIRED, minimum=None, maximum=None):
        super().__init__(default)
        self.minimum, self.maximum = minimum, maximum

    def check(self, value, ctx, name):
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.fail(name, f"must be a whole number, not {value!r}")
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            ctx.fail(name, f"must be between {self.minimum} and {self.maximum}, not {value}")
        return value


class Date(Field):
    def check(self, value, ctx, name):
        if value is None:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            ctx.fail(name, f"must be a date like 2020-10-19, not {value!r}")


class Map(Field):
    def __init__(self, fields, default=REQUIRED):
        super().__init__(default)
        self.fields = fields

    def check(self, value, ctx, name):
        if not isinstance(value, dict):
            ctx.fail(name, f"must be a mapping of {', '.join(self.fields)}")
        return check_mapping(value, self.fields, ctx.child(name, value))


class ListOf(Field):
    def __init__(self, item, default=REQUIRED, min_items=0):
        super().__init__(default)
        self.item, self.min_items = item, min_items

    def check(self, value, ctx, name):
        if value is None and self.default is not REQUIRED:
            return list(self.default)
        if not isinstance(value, list):
            ctx.fail(name, "must be a list")
        if len(value) < self.min_items:
            ctx.fail(name, f"needs at least {self.min_items} item(s)")
        lines = getattr(value, "item_lines", [])
        result = []
        for i, item in enumerate(value):
            line = lines[i] if i < len(lines) else ctx.line
            result.append(self.item.check(item, ctx.at(f"{name}[{i}]", line), None))
        return result


class Context:
    """Where in the file we are: used to name the place of an error."""

    def __init__(self, path, place=(), line=None, node=None, lines=None):
        self.path, self.place, self.line, self.node = path, tuple(place), line, node
        # Every place seen, with its line: errors found later, in the database, use it.
        self.lines = {} if lines is None else lines
        self.lines.setdefault(" › ".join(self.place), line)

    def at(self, step, line=None, node=None):
        return Context(self.path, (*self.place, step), line or self.line, node, self.lines)

    def child(self, name, node):
        line = getattr(node, "line", None) or self.line_of(name)
        step = name if name else None
        place = (*self.place, step) if step else self.place
        return Context(self.path, place, line, node, self.lines)

    def line_of(self, key):
        if isinstance(self.node, Node) and key in self.node.key_lines:
            return self.node.key_lines[key]
        return self.line

    def fail(self, field, problem):
        raise SourceError(self.path, self.line_of(field), " › ".join(self.place), field, problem)


def check_mapping(value, fields, ctx):
    if not isinstance(value, dict):
        ctx.fail(None, f"must be a mapping of {', '.join(fields)}")
    ctx = Context(ctx.path, ctx.place, getattr(value, "line", ctx.line), value, ctx.lines)
    unknown = [key for key in value if key not in fields]
    if unknown:
        ctx.fail(unknown[0], f"unknown field; expected one of: {', '.join(fields)}")
    result = {}
    for name, field in fields.items():
        if name not in value:
            if field.default is REQUIRED:
                ctx.fail(name, "is required")
            result[name] = (
                list(field.default) if isinstance(field.default, list) else (field.default)
            )
            continue
        result[name] = field.check(value[name], ctx, name)
    return result


class ItemMap(Map):
    """A Map inside a list: its place is the list index, not a field name."""

    def check(self, value, ctx, name):
        return check_mapping(value, self.fields, ctx)


class Text(Str):
    """Rich text HTML: the same checks as Str, the stored source kept byte for byte."""


BLOCKS = {
    "text": Text(blank=False),
    "heading": Map({"text": Str(blank=False), "level": Int(3, minimum=3, maximum=5)}),
    "list": Map(
        {
            "style": Str("bulleted", choices=["bulleted", "numbered"]),
            "items": ListOf(Text(blank=False), min_items=1),
        }
    ),
    "quote": Map({"text": Str(blank=False), "attribution": Str("")}),
    "image": Map({"file": Str(blank=False), "alt_text": Str(blank=False), "caption": Str("")}),
    "key_figures": Map(
        {
            "title": Str(""),
            "figures": ListOf(
                ItemMap({"value": Str(blank=False), "label": Str(blank=False)}), min_items=1
            ),
        }
    ),
    "timeline": Map(
        {
            "title": Str(""),
            "events": ListOf(
                ItemMap({"date": Str(blank=False), "text": Text(blank=False)}), min_items=1
            ),
        }
    ),
    "link_list": Map(
        {
            "title": Str(""),
            "links": ListOf(
                ItemMap({"label": Str(blank=False), "url": Str(blank=False)}), min_items=1
            ),
        }
    ),
    "footnotes": Map(
        {
            "notes": ListOf(
                ItemMap({"label": Str(blank=False), "text": Text(blank=False)}), min_items=1
            )
        }
    ),
    "embed": Map({"url": Str(blank=False)}),
}


class Body(Field):
    def __init__(self):
        super().__init__(default=[])

    def check(self, value, ctx, name):
        if value is None:
            return []
        if not isinstance(value, list):
            ctx.fail(name, "must be a list of blocks")
        lines = getattr(value, "item_lines", [])
        blocks = []
        for i, item in enumerate(value):
            line = lines[i] if i < len(lines) else ctx.line_of(name)
            here = ctx.at(f"{name}[{i}]", line, item)
            if not isinstance(item, dict) or len(item) != 1:
                here.fail(None, f"a block is a mapping with one key, one of: {', '.join(BLOCKS)}")
            ((block_type, block_value),) = item.items()
            if block_type not in BLOCKS:
                here.fail(block_type, f"unknown block type; expected one of: {', '.join(BLOCKS)}")
            blocks.append({block_type: BLOCKS[block_type].check(block_value, here, block_type)})
        return blocks


TITLE = {"title": Str(blank=False), "slug": Str(blank=False)}
SECTION_FIELDS = {
    "letter": {
        **TITLE,
        "signatory": Str(blank=False),
        "signatory_title": Str(""),
        "sign_off": Str(""),
        "body": Body(),
    },
    "chapter": {**TITLE, "body": Body(), "sections": None},
    "project_update": {**TITLE, "project": Str(blank=False), "body": Body()},
    "working_group_update": {**TITLE, "working_group": Str(blank=False), "body": Body()},
    "event": {
        **TITLE,
        "start_date": Date(None),
        "end_date": Date(None),
        "format": Str("virtual", choices=["virtual", "in-person", "hybrid"]),
        "location": Str(""),
        "figures": ListOf(
            ItemMap({"value": Str(blank=False), "label": Str(blank=False)}), default=[]
        ),
        "body": Body(),
    },
    "section": {**TITLE, "body": Body(), "sections": None},
}
PARENT_TYPES = {"chapter": None, "section": {"section"}}


class Sections(Field):
    """The section tree; chapters hold any section but chapters, sections hold sections."""

    def __init__(self, allowed=None):
        super().__init__(default=[])
        self.allowed = allowed

    def check(self, value, ctx, name):
        if value is None:
            return []
        if not isinstance(value, list):
            ctx.fail(name, "must be a list of sections")
        lines = getattr(value, "item_lines", [])
        result, slugs = [], {}
        for i, item in enumerate(value):
            line = lines[i] if i < len(lines) else ctx.line_of(name)
            label = f"{name}[{i}]"
            if isinstance(item, dict) and item.get("title"):
                label += f" “{item['title']}”"
            here = ctx.at(label, line, item)
            if not isinstance(item, dict):
                here.fail(None, "a section is a mapping with type, title, slug and body")
            kind = item.get("type")
            allowed = self.allowed or SECTION_FIELDS.keys()
            if kind not in allowed:
                here.fail("type", f"{kind!r} is not one of: {', '.join(allowed)}")
            fields = dict(SECTION_FIELDS[kind])
            if "sections" in fields:
                fields["sections"] = Sections(PARENT_TYPES[kind] or _IN_CHAPTER)
            rest = Node({k: v for k, v in item.items() if k != "type"})
            rest.line, rest.key_lines = getattr(item, "line", line), getattr(item, "key_lines", {})
            checked = {"type": kind, **check_mapping(rest, fields, here)}
            slug = checked["slug"]
            if slug in slugs:
                here.fail("slug", f"{slug!r} is already used by {name}[{slugs[slug]}]")
            slugs[slug] = i
            result.append(checked)
        return result


_IN_CHAPTER = [kind for kind in SECTION_FIELDS if kind != "chapter"]

SOURCE_FIELDS = {
    "format": Int(minimum=1, maximum=1),
    "edition": Map(
        {
            "year": Int(minimum=2000, maximum=2100),
            "title": Str(blank=False),
            "summary": Str(""),
            "intro": Body(),
        }
    ),
    "people": ListOf(
        ItemMap({"name": Str(blank=False), "role": Str(""), "organisation": Str("")}), default=[]
    ),
    "projects": ListOf(
        ItemMap(
            {
                "slug": Str(blank=False),
                "name": Str(blank=False),
                "summary": Str(""),
                "website": Str(""),
                "repository": Str(""),
                "licence": Str(""),
                "status": Str(
                    "pilot", choices=["pilot", "confirmed", "top-level", "supported-collaboration"]
                ),
                "get_involved": ListOf(
                    ItemMap({"label": Str(blank=False), "url": Str(blank=False)}), default=[]
                ),
            }
        ),
        default=[],
    ),
    "working_groups": ListOf(
        ItemMap(
            {
                "slug": Str(blank=False),
                "name": Str(blank=False),
                "summary": Str(""),
                "website": Str(""),
            }
        ),
        default=[],
    ),
    "sections": Sections(),
}


def normalise(data, path):
    """Check the whole source; return it in canonical form and the line of each place."""
    ctx = Context(path, (), getattr(data, "line", 1), data)
    source = check_mapping(data, SOURCE_FIELDS, ctx)
    _check_references(source, data, path)
    return source, ctx.lines


def line_of_place(lines, place):
    """The line of `place`, or of the nearest enclosing place the schema saw."""
    steps = place.split(" › ")
    while steps:
        line = lines.get(" › ".join(steps))
        if line:
            return line
        last = steps.pop()
        if "[" in last and not last.startswith("["):
            steps.append(last[: last.index("[")])  # body[5] -> body
            if lines.get(" › ".join(steps)):
                return lines[" › ".join(steps)]
            steps.pop()
    return None


def _check_references(source, data, path):
    known = {
        "signatory": {p["name"] for p in source["people"]},
        "project": {p["slug"] for p in source["projects"]},
        "working_group": {w["slug"] for w in source["working_groups"]},
    }
    for key, listing in (("people", "name"), ("projects", "slug"), ("working_groups", "slug")):
        seen = set()
        for i, item in enumerate(source[key]):
            if item[listing] in seen:
                raise SourceError(
                    path,
                    _line(data, key, i),
                    f"{key}[{i}]",
                    listing,
                    f"{item[listing]!r} is listed twice",
                )
            seen.add(item[listing])

    def walk(sections, raw, place):
        for i, section in enumerate(sections):
            raw_item = raw[i] if isinstance(raw, list) and i < len(raw) else {}
            here = f"{place}[{i}] “{section['title']}”"
            for field, names in known.items():
                if field in section and section[field] not in names:
                    listing = {"signatory": "people", "project": "projects"}.get(
                        field, "working_groups"
                    )
                    raise SourceError(
                        path,
                        getattr(raw_item, "key_lines", {}).get(field),
                        here,
                        field,
                        f"{section[field]!r} is not in {listing}",
                    )
            walk(section.get("sections", []), raw_item.get("sections"), f"{here} › sections")

    walk(source["sections"], data.get("sections"), "sections")


def _line(data, key, index):
    items = data.get(key)
    if isinstance(items, Seq) and index < len(items.item_lines):
        return items.item_lines[index]
    return None
