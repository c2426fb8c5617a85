"""Planned against held (zhibu.grid): each meeting rule's requirement per period of the self-check, as
the rubric writes it, as the year's plan reads it, and as the check judges it."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from zhibu import default_rubric
from zhibu.answers import load_answers
from zhibu.browser import handle
from zhibu.facts import MEETING_TYPES
from zhibu.grid import grid_dicts, meeting_grid
from zhibu.periods import complete_periods, running_period, timeline
from zhibu.plan import year_plan
from zhibu.scoring import score

RUBRIC = default_rubric()
SAMPLE = json.loads((Path(__file__).parent / "cases" / "sample-branch.json").read_text(encoding="utf-8"))
PERIODS = {"month": 12, "quarter": 4, "half_year": 2, "year": 1}


def answers(**changes: Any) -> dict[str, Any]:
    """The sample branch (机关, 2026, checked on 2026-11-27, 威海 with 苏州 compared), changed."""
    data: dict[str, Any] = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def grid(data: dict[str, Any]) -> list[dict[str, Any]]:
    a = load_answers(data, RUBRIC)
    return grid_dicts(meeting_grid(RUBRIC, a), a.check_date.year)


def row(rows: list[dict[str, Any]], meeting: str) -> dict[str, Any]:
    (found,) = [r for r in rows if r["meeting"] == meeting]
    return found


def period(r: dict[str, Any], label: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [p for p in r["periods"] if p["label"] == label]
    assert len(found) == 1, label
    return found[0]


# The rubric's own counts, written out apart from zhibu.grid: 威海 三（三）9、10、12、16、17、18、20.
WEIHAI = {
    "党员大会": ("quarter", 1),
    "支委会": ("month", 1),
    "党小组会": ("month", 1),
    "党课": ("quarter", 1),
    "组织生活会": ("half_year", 1),
    "民主评议党员": ("year", 1),
    "党费收缴": ("month", 1),
    "制度执行自查": ("quarter", 1),
    "廉政风险排查": ("year", 1),
}


@pytest.mark.parametrize(("branch_type", "days", "note"), [("机关", 2, ""), ("农村", 1, ""), ("高校", 2, "本站推断")])
def test_each_period_asks_what_the_rubric_writes(branch_type: str, days: int, note: str) -> None:
    data = answers(branch={**SAMPLE["branch"], "type": branch_type}, compare=[])
    rows = grid(data)
    expected = {**WEIHAI, "主题党日": ("month", days)}
    assert {r["meeting"]: (r["per"], r["count"]) for r in rows} == expected
    assert [r["meeting"] for r in rows] == [m for m in MEETING_TYPES if m in expected]  # the grid's order of rows
    for r in rows:
        per, count = expected[r["meeting"]]
        assert len(r["periods"]) == PERIODS[per]  # the calendar year 2026, in months, quarters, halves or whole
        assert all(p["need"] == count for p in r["periods"])
        assert [m for p in r["periods"] for m in p["months"]] == [f"2026-{m:02d}" for m in range(1, 13)]
        assert not r["compare_only"]
    themed = row(rows, "主题党日")
    assert themed["words"] == f"每月至少 {days} 天"
    assert themed["note"].startswith(note) and bool(themed["note"]) == bool(note)


def test_the_grid_asks_what_the_years_plan_asks() -> None:
    rows = grid(answers(compare=[]))
    plan = year_plan(RUBRIC, "机关", 2026, "weihai")
    planned = {
        (r.frequency.what, r.frequency.per, r.frequency.count, r.frequency.unit)
        for r in plan.requirements
        if r.frequency.what in WEIHAI or r.frequency.what == "主题党日"
    }
    assert {(r["meeting"], r["per"], r["count"], r["unit"]) for r in rows} == planned


def test_a_month_short_is_marked_as_the_check_fails_it() -> None:
    rows = grid(answers())
    group = row(rows, "党小组会")
    august = period(group, "2026年8月")
    assert (august["need"], august["held"], august["left"], august["state"]) == (1, 0, 1, "short")
    assert august["words"] == "2026年8月：应 1 次，已 0 次，未达到（差 1 次）"
    assert period(group, "2026年7月")["state"] == "met"
    assert period(group, "2026年11月")["state"] == "met"  # under way on 11-27, and already held
    assert period(group, "2026年12月")["state"] == "later"
    assert period(group, "2026年12月")["words"] == "2026年12月：应 1 次，尚未到"
    q4 = period(row(rows, "党员大会"), "2026年第4季度")
    assert q4["state"] == "running"
    assert q4["words"] == "2026年第4季度进行中：应 1 次，已 0 次，还需 1 次，截止 12月31日"
    # The check says the same: the month short fails the item; the running quarter is still to do.
    outcomes = {o.item.id: o for o in score(RUBRIC, load_answers(answers(), RUBRIC)).outcomes}
    assert outcomes["zzsh.02"].status == "fail" and "2026年8月（0 次）" in outcomes["zzsh.02"].message
    assert "2026年第4季度进行中：还需 1 次党员大会，截止 12月31日" in outcomes["zzsh.01"].message


def test_every_short_period_is_one_the_check_names() -> None:
    data = answers()
    rows = grid(data)
    outcomes = {o.item.id: o for o in score(RUBRIC, load_answers(data, RUBRIC)).outcomes}
    for r in rows:
        short = [p["label"] for p in r["periods"] if p["state"] == "short"]
        (item,) = r["items"]
        if short:
            assert outcomes[item].status == "fail"
            assert all(f"{label}（" in outcomes[item].message for label in short)
        else:
            assert outcomes[item].status != "fail"


def test_a_row_not_filled_in_shows_the_plan() -> None:
    data = answers()
    del data["facts"]["meetings"]["党课"]
    lecture = row(grid(data), "党课")
    assert not lecture["filled"]
    assert [p["state"] for p in lecture["periods"]] == ["unfilled", "unfilled", "unfilled", "unfilled"]
    assert lecture["periods"][0]["words"] == "2026年第1季度：应 1 次，这一行还没有填写"


def test_a_period_partly_outside_the_self_check_is_not_judged() -> None:
    data = answers(period={"start": "2026-03-01", "end": "2027-02-28"}, check_date="2027-03-01")
    for log in data["facts"]["meetings"].values():
        for month in [m for m in log if m < "2026-03"]:
            del log[month]
    rows = grid(data)
    quarters = row(rows, "党员大会")["periods"]
    assert [(p["label"], p["state"]) for p in quarters] == [
        ("2026年第1季度", "outside"),
        ("2026年第2季度", "met"),
        ("2026年第3季度", "met"),
        ("2026年第4季度", "short"),
        ("2027年第1季度", "outside"),
    ]
    assert quarters[0]["words"] == "2026年第1季度不完全在自查期内，不检查"
    assert [p["state"] for p in row(rows, "民主评议党员")["periods"]] == ["outside", "outside"]


def test_a_comparison_only_asks_marked() -> None:
    rows = grid(answers(standard="suzhou", compare=["weihai"]))
    assert rows and all(r["compare_only"] for r in rows)


def test_the_pages_rescore_carries_the_grid() -> None:
    text = json.dumps(SAMPLE, ensure_ascii=False)
    reply = json.loads(handle("rescore", text))
    assert reply["ok"] and reply["grid"] == grid(answers())



def test_the_rescore_makes_the_grid_again_when_what_it_reads_changes() -> None:
    # An answer changed: the same grid (kept, not made again); a meeting entered, a later check date,
    # another standard: each its own grid, as made from scratch.
    def reply(data: dict[str, Any]) -> Any:
        return json.loads(handle("rescore", json.dumps(data, ensure_ascii=False)))["grid"]

    first = answers()
    item = next(iter(first["answers"]))
    answered = copy.deepcopy(first)
    answered["answers"][item] = {"answer": "未达到"}
    assert reply(first) == reply(answered) == grid(first)
    met = copy.deepcopy(first)
    met["facts"]["meetings"]["党小组会"]["2026-08"] = 1
    later = answers(check_date="2026-12-31")
    other = answers(standard="suzhou", compare=[])
    for data in (met, later, other, first):
        assert reply(data) == grid(data)
    assert len({json.dumps(reply(d)) for d in (first, met, later, other)}) == 4


@pytest.mark.parametrize(
    ("start", "end", "check"),
    [
        ("2026-01-01", "2026-12-31", "2026-11-27"),
        ("2026-01-15", "2026-12-15", "2026-06-30"),
        ("2026-03-01", "2027-02-28", "2026-09-01"),
        ("2026-01-01", "2026-12-31", "2025-12-01"),
        ("2026-01-01", "2027-12-31", "2028-01-01"),
    ],
)
@pytest.mark.parametrize("unit", list(PERIODS))
def test_the_timeline_is_the_checks_periods(start: str, end: str, check: str, unit: str) -> None:
    first, last, day = dt.date.fromisoformat(start), dt.date.fromisoformat(end), dt.date.fromisoformat(check)
    until = min(last, day)
    spans = timeline(first, last, until, unit)
    assert [(s.label, s.months) for s in spans if s.when == "past"] == list(complete_periods(first, until, unit))
    running = running_period(first, until, last, unit)
    assert [(s.label, s.months, s.last) for s in spans if s.when == "running"] == ([running] if running else [])
    months = [m for s in spans for m in s.months]
    assert months == sorted(set(months))  # in order, none twice
    assert months[0] <= start[:7] and months[-1] >= end[:7]  # every month of the self-check period
