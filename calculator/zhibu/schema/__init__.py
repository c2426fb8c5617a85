"""The published JSON Schemas (answers file, result) and the one validator that checks them."""

from __future__ import annotations

import functools
import json
from typing import Any

from .._files import read_text
from .answers import answers_schema as _answers_schema
from .validator import SchemaError, Validator, compile_schema

__all__ = [
    "SchemaError",
    "Validator",
    "answers_schema",
    "answers_schema_text",
    "answers_validator",
    "compile_schema",
    "result_schema",
    "result_schema_text",
]


@functools.cache
def answers_schema() -> dict[str, Any]:
    """The answers file's schema (made from the fact declarations; see schema/answers.py)."""
    return _answers_schema()


def answers_schema_text() -> str:
    """The answers file's schema as published: what `zhibu schema` prints, the site's schemas/answers.schema.json."""
    return json.dumps(answers_schema(), ensure_ascii=False, indent=2) + "\n"


@functools.cache
def answers_validator() -> Validator:
    return compile_schema(answers_schema())


def result_schema_text() -> str:
    """The result's schema as published: a file of the package (what `zhibu score --format json` writes)."""
    return read_text("schema/result.schema.json")


@functools.cache
def result_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(result_schema_text())
    return schema
