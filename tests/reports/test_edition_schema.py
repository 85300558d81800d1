"""The JSON Schema of the edition format (content/edition.schema.json): what an editor's YAML
language server checks while typing agrees with `load_edition`, and `make lint` refuses a
committed schema the models no longer match."""

import datetime
import io
import json
import os
import subprocess
import sys

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from base.blocks import BodyBlock
from reports.sources.load import load_edition
from reports.sources.places import locate
from reports.sources.yaml_io import SourceError, read_source
from tests.reports.helpers import EDITION_2020, source_text, write_source
from tests.reports.source_mistakes import MISTAKES

SCHEMA = settings.BASE_DIR / "content" / "edition.schema.json"
# The mistakes a schema can see: the others are YAML syntax, names that must be listed
# elsewhere in the file, unique slugs and what Wagtail checks (URLs).
SCHEMA_MISTAKES = [
    "unknown-section-type",
    "missing-signatory",
    "year-out-of-range",
    "unknown-block-type",
    "unknown-section-field",
]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_editor_reads(text):
    """The source as a YAML 1.2 language server reads it: dates are text."""
    return json.loads(json.dumps(yaml.safe_load(text), default=datetime.date.isoformat))


def place_of(error, data):
    """The place and field of a jsonschema error, named as load_edition names them."""
    steps = list(error.absolute_path)
    if error.validator == "required":
        (field, *_) = [name for name in error.validator_value if name not in error.instance]
    elif error.validator == "additionalProperties":
        (field, *_) = [name for name in error.instance if name not in error.schema["properties"]]
    else:
        field = steps.pop()
    place, _value, _line = locate(data, steps)
    return place, field


def test_the_2020_source_names_the_schema_and_is_valid_against_it(validator):
    first_line = EDITION_2020.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../edition.schema.json"
    assert (EDITION_2020.parent / first_line.split("=", 1)[1]).resolve() == SCHEMA.resolve()

    errors = list(validator.iter_errors(as_editor_reads(EDITION_2020.read_text(encoding="utf-8"))))

    assert errors == []


@pytest.mark.parametrize(
    "mistake", [m for m in MISTAKES if m.id in SCHEMA_MISTAKES], ids=lambda m: m.id
)
def test_a_malformed_copy_fails_the_schema_where_load_edition_says(tmp_path, validator, mistake):
    path = write_source(tmp_path, mistake.apply(source_text()))
    with pytest.raises(SourceError) as raised:
        load_edition(path)

    error = best_match(validator.iter_errors(as_editor_reads(path.read_text(encoding="utf-8"))))

    assert error is not None
    assert place_of(error, read_source(path)) == (raised.value.place, raised.value.field)
    assert mistake.place in raised.value.place


def test_every_body_block_can_be_written_and_completed(validator):
    blocks = validator.schema["$defs"]["Block"]
    assert list(blocks["properties"]) == list(BodyBlock().child_blocks)
    assert (blocks["minProperties"], blocks["maxProperties"]) == (1, 1)


def test_the_committed_schema_is_current():
    out = io.StringIO()
    call_command("edition_schema", "--check", stdout=out)
    assert out.getvalue() == f"{SCHEMA} is up to date.\n"


def test_edition_schema_check_fails_on_a_stale_file_and_writing_mends_it(tmp_path):
    stale = tmp_path / "edition.schema.json"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    del schema["$defs"]["Block"]["properties"]["embed"]  # as before a block type was added
    stale.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    command = [sys.executable, "manage.py", "edition_schema", "--check", str(stale)]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "oif_site.settings.test"}

    checked = subprocess.run(
        command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )

    assert checked.returncode != 0
    assert f"{stale} is not the schema of the edition format" in checked.stderr
    assert "run `python manage.py edition_schema`" in checked.stderr

    call_command("edition_schema", str(stale), stdout=io.StringIO())

    assert stale.read_bytes() == SCHEMA.read_bytes()
