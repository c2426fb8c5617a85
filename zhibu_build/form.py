"""What the self-check page needs before the engine has loaded (form.json), all from the engine's declarations.

The form draws its fields from `facts` (zhibu.facts.FACTS: one entry per section, each field
with its path, kind, label and limits), starts a new self-check from `template`, and checks an
import without the engine against `schema_version` and `max_bytes`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from zhibu import MAX_BYTES, SCHEMA_VERSION, default_rubric
from zhibu.facts import FACTS, MEETING_TYPES, MEETING_UNITS, Column, Fact
from zhibu.model import ANSWERS, BRANCH_TYPES, Rubric
from zhibu.rules import REGISTRY
from zhibu.template import blank_answers


def _column(c: Column) -> dict[str, Any]:
    return {"name": c.name, "kind": c.kind, "label": c.label, "required": c.required, "nullable": c.nullable}


def _field(f: Fact) -> dict[str, Any]:
    out: dict[str, Any] = {"path": f.path.split("."), "kind": f.kind, "label": f.label}
    if f.core:
        out["core"] = True
    if f.maximum is not None:
        out["max"] = f.maximum
    if f.kind == "rows":
        out["columns"] = [_column(c) for c in f.columns]
        out["words"] = dict(zip(("add", "none", "blank", "empty"), f.row_words, strict=True))
    return out


def fact_sections(facts: Sequence[Fact] = FACTS) -> list[dict[str, Any]]:
    """The facts by the form's sections (in the order each section first appears), in declaration order."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        sections.setdefault(f.section, []).append(_field(f))
    return [{"title": title, "fields": fields} for title, fields in sections.items()]


def item_reads(rubric: Rubric) -> dict[str, list[str]]:
    """The facts each computed item reads (its rule kinds' `reads`), a meeting rule's by its meeting
    (`meetings.党员大会`): the form asks only the facts and meeting rows the items in play read."""
    out: dict[str, list[str]] = {}
    for item in rubric.items.values():
        paths: list[str] = []
        for rule in item.rules:
            for path in REGISTRY[rule.kind].reads(rule.params):
                if path == "meetings" and "meeting" in rule.params:
                    path = f"meetings.{rule.params['meeting']}"
                if path not in paths:
                    paths.append(path)
        if paths:
            out[item.id] = paths
    return out


def form_data() -> dict[str, Any]:
    blank = blank_answers(default_rubric(), BRANCH_TYPES[0], dt.date(2000, 1, 1))
    return {
        "template": blank,  # the page sets the dates, the type and the standard
        "schema_version": SCHEMA_VERSION,
        "max_bytes": MAX_BYTES,
        "branch_types": list(BRANCH_TYPES),
        "meeting_types": list(MEETING_TYPES),
        "meeting_units": MEETING_UNITS,  # what a cell counts when it is not 次 (主题党日: 天)
        "answers": list(ANSWERS),
        "facts": fact_sections(),
        "reads": item_reads(default_rubric()),
    }
