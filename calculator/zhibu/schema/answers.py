"""The answers file's JSON Schema (draft 2020-12), its `facts` part made from facts.FACTS.

What `zhibu schema` prints and the site publishes as schemas/answers.schema.json; the engine
validates every file against it (schema/validator.py) before it reads the file's meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..facts import FACTS, MAX_LOG_MONTHS, MAX_MONTHLY, MAX_ROWS, MEETING_TYPES, Column, Fact
from ..model import ANSWERS, BRANCH_TYPES, SCHEMA_VERSION

# Patterns the rubric compiler holds its declarations to as well. Each ends in END, not `$`: in
# ECMA-262 `$` is the end of the text, but Python's `re` (and so python-jsonschema) also lets it
# match before a final newline, so "1.3.0\n" would pass there and fail here. END is the end of the
# text in both.
END = "(?![\\s\\S])"
ITEM_ID = "^[a-z]+\\.[0-9]{2,3}" + END
SCHEME_ID = "^[a-z][a-z0-9_-]*" + END
VERSION = "^[0-9]+\\.[0-9]+\\.[0-9]+" + END
MONTH = "^[0-9]{4}-(0[1-9]|1[0-2])" + END
# Dates the engine reads: 1900–2099 (a year outside is a typing slip, and 9999-12-31 plus a term
# overflows the calendar). The pattern bounds the year; the format, that it is a real day.
DATE_YEARS = "^(19|20)[0-9]{2}-"
_NONNEGATIVE = {"count": "integer", "amount": "number"}


def _value(kind: str, nullable: bool, maximum: int | None, description: str) -> dict[str, Any]:
    """A scalar fact or column: its type (with null when it may be left empty) and its limits."""
    out: dict[str, Any] = {"description": description} if description else {}
    json_type = _NONNEGATIVE.get(kind) or {"flag": "boolean"}.get(kind, "string")
    out["type"] = [json_type, "null"] if nullable else json_type
    if kind in _NONNEGATIVE:
        out["minimum"] = 0
    if kind == "date":
        out.update(format="date", pattern=DATE_YEARS)
    if maximum is not None:
        out["maxLength" if kind == "text" else "maximum"] = maximum
    return out


def _column(c: Column) -> dict[str, Any]:
    return _value(c.kind, c.nullable, c.maximum, c.help)


def _fact(f: Fact) -> dict[str, Any]:
    if f.kind == "rows":
        return {
            "description": f.description,
            "type": ["array", "null"],
            "maxItems": MAX_ROWS,
            "items": {
                "type": "object",
                "required": [c.name for c in f.columns if c.required],
                "additionalProperties": False,
                "properties": {c.name: _column(c) for c in f.columns},
            },
        }
    if f.kind == "log":
        return {
            "description": f.description,
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {m: {"$ref": "#/$defs/monthly"} for m in MEETING_TYPES},
        }
    return _value(f.kind, True, f.maximum, f.description)


def facts_schema(facts: Sequence[Fact] = FACTS) -> dict[str, Any]:
    """The `facts` object: a fact `a.b` is member b of an object a, which may itself be null."""
    properties: dict[str, Any] = {}
    for f in facts:
        head, _, name = f.path.partition(".")
        if not name:
            properties[head] = _fact(f)
        else:
            group = properties.setdefault(
                head, {"type": ["object", "null"], "additionalProperties": False, "properties": {}}
            )
            group["properties"][name] = _fact(f)
    return {
        "description": "支部基本情况；未填写的项可省略或为 null",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _item_map(description: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "maxProperties": 2000,
        "propertyNames": {"pattern": ITEM_ID},
        "additionalProperties": entry,
    }


def answers_schema() -> dict[str, Any]:
    """The whole schema, as plain data (key order is the published file's order)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "zhibu-answers-2.schema.json",
        "title": "支部自查文件（answers file）",
        "description": "一个支部、一个自查期的自查数据：支部信息、自查期、基本情况（事实）、逐项评价和整改安排。"
        "zhibu score 与网站自查页读写的都是这个格式。",
        "type": "object",
        "required": ["schema_version", "rubric_version", "branch", "period", "check_date", "standard"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {
                "description": "文件格式版本（第 1 版的文件自动升级）",
                "type": "integer",
                "minimum": 1,
                "maximum": SCHEMA_VERSION,
            },
            "rubric_version": {
                "description": "填写时所用自查规则的版本",
                "type": "string",
                "pattern": VERSION,
            },
            "tool": {"description": "生成本文件的程序（可选）", "type": "string", "maxLength": 200},
            "branch": {
                "type": "object",
                "required": ["name", "type"],
                "additionalProperties": False,
                "properties": {
                    "name": {"description": "支部名称", "type": "string", "minLength": 1, "maxLength": 100},
                    "type": {"description": "支部类型", "enum": list(BRANCH_TYPES)},
                    "parent": {"description": "上级党组织", "type": "string", "maxLength": 100},
                },
            },
            "period": {
                "type": "object",
                "required": ["start", "end"],
                "additionalProperties": False,
                "properties": {
                    "start": {
                        "description": "自查期开始日期",
                        "type": "string",
                        "format": "date",
                        "pattern": DATE_YEARS,
                    },
                    "end": {"description": "自查期结束日期", "type": "string", "format": "date", "pattern": DATE_YEARS},
                },
            },
            "check_date": {"description": "自查日期", "type": "string", "format": "date", "pattern": DATE_YEARS},
            "standard": {
                "description": "上级党组织考核本支部所依据的标准（方案编号）：评分结论以它为准",
                "type": "string",
                "pattern": SCHEME_ID,
            },
            "compare": {
                "description": "另外对照的标准（方案编号），只作参考，与 standard 分开显示",
                "type": "array",
                "maxItems": 20,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": SCHEME_ID},
            },
            "facts": facts_schema(),
            "answers": _item_map(
                "逐项评价：自查项编号 → 评价与说明",
                {
                    "type": "object",
                    "required": ["answer"],
                    "additionalProperties": False,
                    "properties": {
                        "answer": {"enum": list(ANSWERS)},
                        "note": {"description": "说明", "type": "string", "maxLength": 2000},
                    },
                },
            ),
            "rectification": _item_map(
                "整改安排：自查项编号 → 整改措施、责任人、时限",
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "measure": {"description": "整改措施", "type": "string", "maxLength": 2000},
                        "owner": {"description": "责任人", "type": "string", "maxLength": 100},
                        "deadline": {"description": "时限", "type": "string", "maxLength": 20},
                    },
                },
            ),
        },
        "$defs": {
            "monthly": {
                "type": ["object", "null"],
                "maxProperties": MAX_LOG_MONTHS,
                "propertyNames": {"pattern": MONTH},
                "additionalProperties": {"type": "integer", "minimum": 0, "maximum": MAX_MONTHLY},
            }
        },
    }
