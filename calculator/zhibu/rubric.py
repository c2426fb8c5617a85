"""Load the rubric (catalog of items + schemes) compiled from the pages."""

from __future__ import annotations

import functools
import json
from typing import Any

from ._files import read_text
from .errors import InputError, Problem
from .model import Cap, Clause, Entry, Group, Item, Record, Rubric, RuleSpec, Scheme, Target

RUBRIC_FORMAT = 1


def rubric_from_dict(data: Any) -> Rubric:
    """Build the model from the rubric JSON; InputError if it is not a rubric of this format."""
    if not isinstance(data, dict) or data.get("format") != RUBRIC_FORMAT:
        raise InputError([Problem("$.format", f"不是第 {RUBRIC_FORMAT} 版格式的自查规则")], what="自查规则")
    items = {
        i["id"]: Item(
            id=i["id"],
            text=i["text"],
            topic=i["topic"],
            page=i["page"],
            clauses=tuple(Clause(**c) for c in i["clauses"]),
            rules=tuple(RuleSpec(r["kind"], r["params"]) for r in i["rules"]),
            measure=i["measure"],
            applies_to=frozenset(i.get("applies_to", ())),
            scope=Clause(**i["scope"]) if i.get("scope") else None,
            records=tuple(
                Record(r["text"], Clause(**r["clause"]) if r.get("clause") else None) for r in i.get("records", ())
            ),
        )
        for i in data["items"]
    }
    schemes = {
        s["id"]: Scheme(
            id=s["id"],
            name=s["name"],
            document=s["document"],
            page=s["page"],
            scale=float(s["scale"]),
            basic_credit=float(s["basic_credit"]),
            verdict=s["verdict"],
            groups=tuple(
                Group(
                    id=g["id"],
                    name=g["name"],
                    weight=float(g["weight"]),
                    clause=g.get("clause"),
                    entries=tuple(Entry(e["item"], float(e["weight"]), bool(e["must_pass"])) for e in g["items"]),
                )
                for g in s["groups"]
            ),
            site_defaults=tuple(s["site_defaults"]),
            description=s.get("description", ""),
            audience=s.get("audience", ""),
            branch_types=tuple(s["branch_types"]),
            targets=tuple(Target(**t) for t in s.get("targets", [])),
            caps=tuple(Cap(**c) for c in s.get("caps", [])),
        )
        for s in data["schemes"]
    }
    return Rubric(version=data["version"], items=items, schemes=schemes, retired=frozenset(data.get("retired", [])))


@functools.cache
def rubric_json() -> str:
    """The rubric shipped inside the package, as text."""
    return read_text("data/rubric.json")


@functools.cache
def default_rubric() -> Rubric:
    """The rubric shipped inside the package."""
    return rubric_from_dict(json.loads(rubric_json()))
