"""schemas/ holds the JSON Schema generated from assistant/model.py; a stale file fails here."""

from __future__ import annotations

import json

import jsonschema

from assistant import schemas


def test_committed_schemas_are_current():
    assert schemas.main(["--check"]) == 0


def test_seed_table_validates_against_the_table_schema(seed_table):
    schema = json.loads((schemas.SCHEMA_DIR / "table.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(seed_table.model_dump(mode="json"), schema)
    broken = seed_table.model_dump(mode="json")
    broken["projects"][0]["groups"][0][0]["target"]["kind"] = "maybe"
    try:
        jsonschema.validate(broken, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("an invalid target kind passed the schema")
