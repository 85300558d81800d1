"""The kinds of value an edition source holds, as pydantic types with the source's own messages.

Each type raises a `PydanticCustomError` whose message is what an editor reads after the
file, line, place and field (`must not be empty`); `places.source_error` adds those.
"""

import datetime
from typing import Annotated, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import TypeAliasType

# Marks the step a tagged union adds to an error's location, which names no key of the file.
TAG = "is:"


class Mapping(BaseModel):
    """A mapping of known fields; any other key is an error naming it."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, data):
        fields = ", ".join(cls.model_fields)
        if not isinstance(data, dict):
            raise PydanticCustomError(
                "mapping", "must be a mapping of {fields}", {"fields": fields}
            )
        unknown = [key for key in data if key not in cls.model_fields]
        if unknown:
            raise field_error(
                "unknown_field",
                "unknown field; expected one of: {fields}",
                str(unknown[0]),
                fields=fields,
            )
        return data


def _text(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        kind = type(value).__name__
        raise PydanticCustomError("text", "must be text, not {kind}", {"kind": kind})
    return value


def _filled(value):
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


def _text_or_empty(value):
    return "" if value is None else _text(value)


Text = Annotated[str, BeforeValidator(_text_or_empty)]
"""Optional plain text: an empty value is ''."""

Filled = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_filled),
    WithJsonSchema({"type": "string", "pattern": r"\S"}),
]
"""Required plain text, not blank."""

RichText = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_filled),
    WithJsonSchema(
        {"type": "string", "pattern": r"\S", "description": "HTML: p, ul/ol/li, a, b, i"}
    ),
]
"""Rich text HTML, not blank; stored byte for byte, checked by Wagtail when loaded."""


def list_of(item, problem="must be a list"):
    """An optional list of `item`: an empty value is []."""

    def check(value):
        if value is None:
            return []
        if not isinstance(value, list):
            raise PydanticCustomError("list", problem)
        return value

    return Annotated[list[item], BeforeValidator(check)]


def whole_number(minimum, maximum):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise PydanticCustomError(
                "whole_number", "must be a whole number, not {value}", {"value": repr(value)}
            )
        if not minimum <= value <= maximum:
            raise PydanticCustomError(
                "range",
                "must be between {minimum} and {maximum}, not {value}",
                {"minimum": minimum, "maximum": maximum, "value": value},
            )
        return value

    return Annotated[int, Field(ge=minimum, le=maximum), BeforeValidator(check)]


def one_of(*choices):
    """Text that is one of `choices`; an empty value is the first."""

    def check(value):
        value = choices[0] if value is None else _text(value)
        if value not in choices:
            raise PydanticCustomError(
                "choice",
                "{value} is not one of: {choices}",
                {"value": repr(value), "choices": ", ".join(choices)},
            )
        return value

    return Annotated[Literal[choices], BeforeValidator(check)]


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise PydanticCustomError(
            "date", "must be a date like 2020-10-19, not {value}", {"value": repr(value)}
        ) from None


Date = Annotated[datetime.date | None, BeforeValidator(_date)]


def tagged(name, kinds, kind_of, check):
    """One of the models in `kinds` ({kind: model}), chosen by `kind_of(value)`; `check`
    raises the error for a value that names no kind, before any model sees it. `name` is
    its name in the JSON Schema."""
    if len(kinds) == 1:
        ((model),) = kinds.values()
        return Annotated[model, BeforeValidator(check)]
    members = tuple(Annotated[model, Tag(f"{TAG}{kind}")] for kind, model in kinds.items())
    union = Annotated[
        Union[members],  # noqa: UP007 - a tuple of members needs the subscript form
        Discriminator(lambda value: f"{TAG}{kind_of(value)}"),
        BeforeValidator(check),
    ]
    return TypeAliasType(name, union)


def field_error(error_type, message, field=None, **context):
    """An error about the mapping (or list item) itself, naming `field` in it, if any."""
    return PydanticCustomError(error_type, message, {**context, "field": field or ""})
