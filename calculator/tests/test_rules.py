"""Every rule kind on the boundaries the documents state (cases in cases/rules.json)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from _cases import case_ids, load_cases

from zhibu.facts import BY_PATH
from zhibu.rules import REGISTRY, Context, evaluate, validate_params
from zhibu.rules.base import reads

CASES = load_cases("rules.json")


def context(case: dict[str, Any]) -> Context:
    start, end = case.get("period", ["2026-01-01", "2026-12-31"])
    check = dt.date.fromisoformat(case.get("check_date", end))
    end_date = dt.date.fromisoformat(end)
    return Context(case.get("branch_type", "机关"), dt.date.fromisoformat(start), end_date, check, case["facts"])


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_rule_case(case: dict[str, Any]) -> None:
    assert validate_params(case["kind"], case["params"], "$") == []
    outcome = evaluate(case["kind"], case["params"], context(case))
    assert (outcome.status, outcome.message) == (case["status"], case["message"])


class Recording(Context):
    """A context that notes every fact a check asks for."""

    asked: list[str]

    def fact(self, path: str) -> Any:
        self.asked.append(path)
        return super().fact(path)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_a_rule_reads_only_the_facts_its_kind_lists(case: dict[str, Any]) -> None:
    ctx = context(case)
    recording = Recording(ctx.branch_type, ctx.period_start, ctx.period_end, ctx.check_date, ctx.facts)
    object.__setattr__(recording, "asked", [])
    evaluate(case["kind"], case["params"], recording)
    listed = REGISTRY[case["kind"]].reads(case["params"])
    assert set(recording.asked) <= set(listed)
    assert set(listed) <= set(BY_PATH)


def test_a_rule_that_reads_an_undeclared_fact_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    kind = REGISTRY["secretary_training"]
    monkeypatch.setitem(
        REGISTRY, "secretary_talks", replace(kind, name="secretary_talks", reads=reads("talks.with_secretary"))
    )
    problems = [str(p) for p in validate_params("secretary_talks", {"at_least": 2}, "$.rules[0]")]
    assert problems == ["$.rules[0]: 规则读取的事实“talks.with_secretary”没有在 zhibu/facts.py 中声明"]


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
