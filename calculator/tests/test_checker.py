"""The compiled yes/no checker agrees with the path-giving validator on every value (hypothesis)."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

from _cases import load_json
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import _paths, json_values

from zhibu.answers import answers_schema, load_answers
from zhibu.checker import compile_check
from zhibu.report import to_json
from zhibu.rubric import default_rubric
from zhibu.scoring import score
from zhibu.validate import iter_problems

RESULT_SCHEMA = json.loads(resources.files("zhibu").joinpath("schemas/result.schema.json").read_text(encoding="utf-8"))
SCHEMAS = {"answers": answers_schema(), "result": RESULT_SCHEMA}
CHECKS = {name: compile_check(schema) for name, schema in SCHEMAS.items()}
SAMPLE = load_json("sample-branch.json")
SAMPLE_PATHS = [p for p in _paths(SAMPLE) if p]
RESULT = json.loads(to_json(score(default_rubric(), load_answers(SAMPLE, default_rubric()))))
RESULT_PATHS = [p for p in _paths(RESULT) if p]

# Values that sit on the schema's edges: wrong kinds, bools posing as numbers, bad dates, limits.
edge_values: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        1.5,
        -0.5,
        "",
        "x",
        "2024-02-30",
        "2024-2-3",
        "2024-12-31",
        "达到",
        [],
        {},
        [1, 1],
        10**9,
    ]
)
values = json_values | edge_values


def agree(schema_name: str, data: Any) -> None:
    problems = list(iter_problems(data, SCHEMAS[schema_name]))
    assert CHECKS[schema_name](data) is (not problems), problems


def test_the_sample_and_its_result_are_valid_by_both() -> None:
    agree("answers", SAMPLE)
    agree("result", RESULT)
    assert CHECKS["answers"](SAMPLE) and CHECKS["result"](RESULT)


@given(st.sampled_from(sorted(SCHEMAS)), values)
def test_any_value_is_judged_alike(schema_name: str, data: Any) -> None:
    agree(schema_name, data)


def damaged(original: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(original)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@settings(max_examples=500)
@given(st.sampled_from(SAMPLE_PATHS), values)
def test_a_damaged_sample_is_judged_alike(path: tuple[Any, ...], value: Any) -> None:
    agree("answers", damaged(SAMPLE, path, value))


@settings(max_examples=300)
@given(st.sampled_from(RESULT_PATHS), values)
def test_a_damaged_result_is_judged_alike(path: tuple[Any, ...], value: Any) -> None:
    agree("result", damaged(RESULT, path, value))


@settings(max_examples=200)
@given(st.sampled_from([p for p in SAMPLE_PATHS if len(p) > 1]), st.text(max_size=6), values)
def test_an_added_member_is_judged_alike(path: tuple[Any, ...], key: str, value: Any) -> None:
    data = copy.deepcopy(SAMPLE)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    if isinstance(node, dict):
        node[key] = value
    elif isinstance(node, list):
        node.append(value)
    agree("answers", data)


SMALL_SCHEMAS: list[dict[str, Any]] = [
    {
        "type": "object",
        "maxProperties": 2,
        "propertyNames": {"pattern": "^[a-z]+$"},
        "additionalProperties": {"type": "integer"},
    },
    {"type": "object", "required": ["a"], "additionalProperties": False, "properties": {"a": {"enum": [1, 2]}}},
    {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
]


@given(
    st.sampled_from(range(len(SMALL_SCHEMAS))), values | st.dictionaries(st.sampled_from(["a", "b", "C", "d"]), values)
)
def test_the_one_pass_object_checks_agree(index: int, data: Any) -> None:
    schema = SMALL_SCHEMAS[index]
    assert compile_check(schema)(data) is (not list(iter_problems(data, schema)))


def test_a_map_with_too_many_members_is_refused_by_both() -> None:
    schema = SMALL_SCHEMAS[0]
    for data, valid in (({"a": 1, "b": 2}, True), ({"a": 1, "b": 2, "c": 3}, False), ({"a": 1, "B": 2}, False)):
        assert compile_check(schema)(data) is valid is (not list(iter_problems(data, schema)))
