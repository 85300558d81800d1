"""Reading edition sources with line numbers, and writing them in one canonical layout."""

import yaml

# The first line of every edition source: editors' YAML language servers (VS Code's YAML
# extension, among others) read the JSON Schema it names (content/edition.schema.json).
SCHEMA_LINE = "# yaml-language-server: $schema=../edition.schema.json\n"


class SourceError(Exception):
    """A problem in an edition source; the message names the file, line, place and field."""

    def __init__(self, path, line, place, field, problem):
        self.path, self.line, self.place, self.field, self.problem = (
            path,
            line,
            place,
            field,
            problem,
        )
        where = f"{path}, line {line}" if line else str(path)
        at = f" {place}:" if place else ""
        what = f" field '{field}':" if field else ""
        super().__init__(f"{where}:{at}{what} {problem}")


class Node(dict):
    """A mapping that remembers the line of each of its keys."""

    line = None
    key_lines: dict


class Seq(list):
    line = None
    item_lines: list


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = Node(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1
            for key, _value in node.value
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        seq = Seq(super().construct_sequence(node, deep=True))
        seq.line = node.start_mark.line + 1
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


def read_source(path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(path, None, "", "", "no such file") from None
    except UnicodeDecodeError as error:
        raise SourceError(path, None, "", "", f"not UTF-8 text ({error.reason})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError(path, line, "", "", f"not valid YAML: {error.problem}") from None
    if not isinstance(data, dict):
        raise SourceError(path, 1, "", "", "an edition source is a YAML mapping")
    return data


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        # Lists indented under their key, as people write them.
        return super().increase_indent(flow, False)


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_source(data):
    return SCHEMA_LINE + yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100_000,
    )
