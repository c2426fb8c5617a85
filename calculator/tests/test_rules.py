"""Every rule kind on the boundaries the documents state (cases in cases/rules.json)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from _cases import case_ids, load_cases

from zhibu.rules import REGISTRY, Context, evaluate, validate_params

CASES = load_cases("rules.json")


def context(case: dict[str, Any]) -> Context:
    start, end = case.get("period", ["2026-01-01", "2026-12-31"])
    check = dt.date.fromisoformat(case.get("check_date", end))
    end_date = dt.date.fromisoformat(end)
    return Context(
        case.get("branch_type", "机关"), dt.date.fromisoformat(start), min(end_date, check), check, case["facts"]
    )


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_rule_case(case: dict[str, Any]) -> None:
    assert validate_params(case["kind"], case["params"], "$") == []
    outcome = evaluate(case["kind"], case["params"], context(case))
    assert (outcome.status, outcome.message) == (case["status"], case["message"])


def test_every_rule_kind_has_cases() -> None:
    assert {c["kind"] for c in CASES} == set(REGISTRY)


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    [
        ("no_such_rule", {}, ["$.kind: 未知的规则类型“no_such_rule”"]),
        ("min_full_members", {}, ["$.params.min: 缺少必填参数"]),
        ("min_full_members", {"min": "3"}, ["$.params.min: 类型不对"]),
        ("min_full_members", {"min": 3, "max": 9}, ["$.params.max: 规则“min_full_members”没有这个参数"]),
        (
            "meeting_frequency",
            {"meeting": "茶话会", "per": "week", "at_least": 1},
            ["$.params.meeting: 会议类型应为", "$.params.per: 周期应为"],
        ),
        (
            "meeting_frequency",
            {"meeting": "党课", "per": "month"},
            ["$.params: at_least 与 at_least_by_type 应有且只有一个"],
        ),
    ],
)
def test_declaration_problems_name_the_parameter(kind: str, params: dict[str, Any], expected: list[str]) -> None:
    problems = [str(p) for p in validate_params(kind, params, "$")]
    assert len(problems) == len(expected)
    for got, want in zip(problems, expected, strict=True):
        assert got.startswith(want)
