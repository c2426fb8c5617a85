"""Every verdict kind, with the boundaries (cases in cases/schemes.json, a small rubric of its own)."""

from __future__ import annotations

from typing import Any

import pytest
from _cases import case_ids, load_cases, load_json

from zhibu import load_answers, rubric_from_dict, score, to_dict

RUBRIC = rubric_from_dict(load_json("mini-rubric.json"))
CASES = load_cases("schemes.json")


def answers_file(scheme: str, answers: dict[str, str], facts: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "rubric_version": "1.0.0",
        "branch": {"name": "测试支部", "type": "机关"},
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "check_date": "2026-12-31",
        "standard": scheme,
        "facts": facts or {},
        "answers": {k: {"answer": v} for k, v in answers.items()},
    }


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_scheme_case(case: dict[str, Any]) -> None:
    result = score(RUBRIC, load_answers(answers_file(case["scheme"], case["answers"], case.get("facts")), RUBRIC))
    (s,) = to_dict(result)["schemes"]
    assert s["score"] == case["score"]
    assert (s["verdict"]["label"], s["verdict"]["passed"]) == (case["label"], case["passed"])
    assert s["verdict"]["provisional"] == case.get("provisional", False)
    if "reasons" in case:
        assert s["verdict"]["reasons"] == case["reasons"]


def test_every_verdict_kind_has_cases() -> None:
    kinds = {RUBRIC.schemes[c["scheme"]].verdict["kind"] for c in CASES}
    assert kinds == {"threshold", "grades", "all_groups", "all_items"}


def test_findings_cite_the_clause_and_build_the_rectification_list() -> None:
    data = answers_file("all", {"aa.01": "未达到", "aa.02": "达到", "aa.03": "达到", "aa.04": "达到"})
    data["answers"]["aa.01"]["note"] = "上半年未开展"
    data["rectification"] = {"aa.01": {"measure": "下半年补开", "owner": "张三", "deadline": "2026-12-31"}}
    result = to_dict(score(RUBRIC, load_answers(data, RUBRIC)))
    (finding,) = result["findings"]
    assert finding["clauses"] == [
        {"id": "weihai-3-3-9", "label": "威海 三（三）9", "url": "documents/weihai.html#weihai-3-3-9"}
    ]
    assert finding["note"] == "上半年未开展"
    assert result["rectification"] == [
        {
            "item": "aa.01",
            "problem": "甲：自评：未达到",
            "measure": "下半年补开",
            "owner": "张三",
            "deadline": "2026-12-31",
            "suggested": "整改",
        }
    ]
