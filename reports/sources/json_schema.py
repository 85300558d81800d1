"""The JSON Schema of the edition source format, `content/edition.schema.json`: what an
editor's YAML language server uses for completion, help on hover and errors while typing."""

import json
from pathlib import Path

from django.conf import settings
from pydantic.json_schema import GenerateJsonSchema

from .schema import Source

SCHEMA_PATH = Path(settings.BASE_DIR) / "content" / "edition.schema.json"


def _ref_name(ref):
    return ref["$ref"].rsplit("/", 1)[-1]


class _EditionSchema(GenerateJsonSchema):
    """Pydantic's schema, with its choices made plain for validators and editors: a block is
    a mapping whose one key is a block type; a section is checked as the kind its `type`
    names (not against every kind at once, which buries the real error)."""

    def field_title_should_be_set(self, schema):
        return False

    def generate(self, schema, mode="validation"):
        result = super().generate(schema, mode)
        definitions = result["$defs"]
        for name, definition in list(definitions.items()):
            if "oneOf" not in definition:
                continue
            members = {_ref_name(ref): definitions[_ref_name(ref)] for ref in definition["oneOf"]}
            if all("type" in member["properties"] for member in members.values()):
                definitions[name] = _by_type(members)
            else:
                definitions[name] = _one_key_of(members)
                for member in members:
                    del definitions[member]
        return result


def _by_type(members):
    kinds = {name: member["properties"]["type"]["const"] for name, member in members.items()}
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(kinds.values())}},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{name}"},
            }
            for name, kind in kinds.items()
        ],
    }


def _one_key_of(members):
    properties = {}
    for member in members.values():
        properties.update(member["properties"])
    return {
        "type": "object",
        "description": "One key: the block type.",
        "properties": properties,
        "additionalProperties": False,
        "minProperties": 1,
        "maxProperties": 1,
    }


def json_schema():
    schema = Source.model_json_schema(schema_generator=_EditionSchema)
    return {"$schema": _EditionSchema.schema_dialect, **schema}


def json_schema_text():
    """The schema as committed: stable, two-space indented JSON."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
