"""The rule-file JSON Schema, generated from the same pydantic model that validates rules, so editors
(yaml-language-server) autocomplete and flag mistakes exactly as `wirewatch validate` does."""

from __future__ import annotations

import json
from pathlib import Path

from rules.model import RuleFile

SCHEMA_PATH = Path(__file__).resolve().parent / "rule.schema.json"


def rule_schema_json() -> str:
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Wirewatch rule file"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
