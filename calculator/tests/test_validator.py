"""The validator's quick yes/no agrees with its problems on every value (hypothesis); unknown keywords stop it."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from _cases import examples, load_json
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import json_values, value_paths

from zhibu.answers import load_answers
from zhibu.report import to_json
from zhibu.rubric import default_rubric
from zhibu.schema import SchemaError, answers_schema, compile_schema, result_schema
from zhibu.scoring import score

SCHEMAS = {"answers": answers_schema(), "result": result_schema()}
VALIDATORS = {name: compile_schema(schema) for name, schema in SCHEMAS.items()}
SAMPLE = load_json("sample-branch.json")
SAMPLE_PATHS = [p for p in value_paths(SAMPLE) if p]
RESULT = json.loads(to_json(score(default_rubric(), load_answers(SAMPLE, default_rubric()))))
RESULT_PATHS = [p for p in value_paths(RESULT) if p]

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
    validator = VALIDATORS[schema_name]
    problems = validator.problems(data)
    assert validator.valid(data) is (not problems), problems


def test_the_sample_and_its_result_are_valid() -> None:
    agree("answers", SAMPLE)
    agree("result", RESULT)
    assert VALIDATORS["answers"].valid(SAMPLE) and VALIDATORS["result"].valid(RESULT)


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


@settings(max_examples=examples(500))
@given(st.sampled_from(SAMPLE_PATHS), values)
def test_a_damaged_sample_is_judged_alike(path: tuple[Any, ...], value: Any) -> None:
    agree("answers", damaged(SAMPLE, path, value))


@settings(max_examples=examples(300))
@given(st.sampled_from(RESULT_PATHS), values)
def test_a_damaged_result_is_judged_alike(path: tuple[Any, ...], value: Any) -> None:
    agree("result", damaged(RESULT, path, value))


@settings(max_examples=examples(200))
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
    validator = compile_schema(SMALL_SCHEMAS[index])
    assert validator.valid(data) is (not validator.problems(data))


def test_a_map_with_too_many_members_is_refused() -> None:
    validator = compile_schema(SMALL_SCHEMAS[0])
    for data, valid in (({"a": 1, "b": 2}, True), ({"a": 1, "b": 2, "c": 3}, False), ({"a": 1, "B": 2}, False)):
        assert validator.valid(data) is valid is (not validator.problems(data))


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "integer", "multipleOf": 2}, "#: 未实现的关键字 multipleOf"),
        ({"type": "object", "properties": {"a": {"type": "string", "format": "email"}}}, "#/a: 未实现的格式“email”"),
        ({"type": "object", "propertyNames": {"maxLength": 3}}, "#: propertyNames 只实现了 pattern"),
        ({"type": "decimal"}, "#/type: 未知的类型 ['decimal']"),
        ({"$ref": "#/$defs/none"}, "找不到 $ref 的目标 #/$defs/none"),
    ],
)
def test_what_the_validator_does_not_implement_stops_the_compile(schema: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemaError) as err:
        compile_schema(schema)
    assert str(err.value) == message
