"""Facts are declared once (zhibu/facts.py): the schema, the template, the labels and the form all come from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhibu import default_rubric
from zhibu.facts import FACTS, LABELS, Fact, blank_facts, labels
from zhibu.schema import answers_schema
from zhibu.schema.answers import facts_schema
from zhibu.template import blank_answers
from zhibu_build.form import fact_sections, form_data

NEW = Fact(
    "talks.with_committee",
    "count",
    "支部委员与党员谈心谈话次数",
    "谈心谈话、党课与培训（本年度）",
    maximum=100,
)


def paths_of_schema(schema: dict[str, Any]) -> list[str]:
    out = []
    for head, node in schema["properties"].items():
        if "properties" in node and node.get("description") is None:  # an object of facts
            out += [f"{head}.{name}" for name in node["properties"]]
        else:
            out.append(head)
    return out


def paths_of_template(facts: dict[str, Any]) -> list[str]:
    """A fact `a.b` is member b of object a; the meeting log is one fact, a map of meeting types."""
    out = []
    for head, node in facts.items():
        if isinstance(node, dict) and head != "meetings":
            out += [f"{head}.{name}" for name in node]
        else:
            out.append(head)
    return out


def paths_of_form(sections: list[dict[str, Any]]) -> list[str]:
    return [".".join(f["path"]) for s in sections for f in s["fields"]]


def test_every_view_lists_exactly_the_declared_facts() -> None:
    declared = [f.path for f in FACTS]
    template = blank_answers(default_rubric(), "机关", dt.date(2026, 1, 1))["facts"]
    assert paths_of_schema(answers_schema()["properties"]["facts"]) == declared
    assert paths_of_template(template) == declared
    assert list(LABELS) == declared
    assert sorted(paths_of_form(form_data()["facts"])) == sorted(declared)


def test_a_fact_added_to_the_declaration_appears_in_all_four() -> None:
    extended = (*FACTS, NEW)
    schema = facts_schema(extended)["properties"]["talks"]["properties"]["with_committee"]
    assert schema == {
        "description": "支部委员与党员谈心谈话次数",
        "type": ["integer", "null"],
        "minimum": 0,
        "maximum": 100,
    }
    assert blank_facts(extended)["talks"] == {
        "members_talked": None,
        "upper_with_secretary": None,
        "with_committee": None,
    }
    assert labels(extended)["talks.with_committee"] == "支部委员与党员谈心谈话次数"
    section = next(s for s in fact_sections(extended) if s["title"] == "谈心谈话、党课与培训（本年度）")
    assert section["fields"][-1] == {
        "path": ["talks", "with_committee"],
        "kind": "count",
        "label": "支部委员与党员谈心谈话次数",
        "max": 100,
    }
