"""Counts over the self-check year: every member reached (talks, lectures), and what the secretary
does at least so many times (training, lectures, the upper level's talks): 威海 三（三）9、14；合肥 附件2 第3项."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import (
    Context,
    Outcome,
    Param,
    RuleKind,
    failed,
    members_total,
    missing,
    missing_of,
    passed,
    pending,
    reads,
)

COVERAGE_FACTS = {
    "talks.members_talked": "支部书记与党员谈心谈话",
    "lectures.members_lectured": "党员讲党课",
}
# Counts a year must reach: the fact, and what is counted in words.
YEARLY_FACTS = {
    "lectures.by_secretary": "支部书记为本支部党员讲党课",
    "talks.upper_with_secretary": "上级党组织书记与支部书记谈心谈话",
}


def _by_year_end(ctx: Context, done: int, need: int, unit: str, *, met: str, so_far: str, short: str) -> Outcome:
    """A count the period must reach, on the one clock: met; 进行中 with what is still needed while
    the period runs; else not met."""
    if done >= need:
        return passed(met)
    if ctx.running:
        return pending(f"{so_far}，还需 {need - done} {unit}，截止 {ctx.due()}")
    return failed(short)


def _coverage(p: Mapping[str, Any], ctx: Context) -> Outcome:
    fact = p["fact"]
    total, done = members_total(ctx), ctx.fact(fact)
    if total is None or done is None:
        return missing_of(("members.full", total), (fact, done))
    what = COVERAGE_FACTS[fact]
    return _by_year_end(
        ctx,
        done,
        total,
        "人",
        met=f"{what}覆盖全部 {total} 名党员",
        so_far=f"{what}已覆盖 {done} / {total} 人",
        short=f"{what}应覆盖每名党员，本年度只覆盖 {done} / {total} 人",
    )


def _training(p: Mapping[str, Any], ctx: Context) -> Outcome:
    sessions = ctx.fact("training.secretary_sessions")
    if sessions is None:
        return missing("training.secretary_sessions")
    return _by_year_end(
        ctx,
        sessions,
        p["at_least"],
        "次",
        met=f"支部书记本年度参加集中培训 {sessions} 次",
        so_far=f"支部书记已参加集中培训 {sessions} 次",
        short=f"支部书记每年至少参加 {p['at_least']} 次集中培训，本年度 {sessions} 次",
    )


def _yearly(p: Mapping[str, Any], ctx: Context) -> Outcome:
    fact, need = p["fact"], p["at_least"]
    done = ctx.fact(fact)
    if done is None:
        return missing(fact)
    what = YEARLY_FACTS[fact]
    return _by_year_end(
        ctx,
        done,
        need,
        "次",
        met=f"{what}本年度 {done} 次",
        so_far=f"{what}已 {done} 次",
        short=f"{what}每年至少 {need} 次，本年度 {done} 次",
    )


RULES = (
    RuleKind(
        "member_coverage",
        "覆盖每名党员",
        {"fact": Param(str, doc="覆盖人数的事实：" + "、".join(COVERAGE_FACTS))},
        _coverage,
        lambda p: f"{COVERAGE_FACTS.get(p['fact'], p['fact'])}每年覆盖每名党员",
        lambda p: ("members.full", "members.probationary", p["fact"]),
    ),
    RuleKind(
        "yearly_count",
        "每年至少几次",
        {
            "fact": Param(str, doc="计数的事实：" + "、".join(YEARLY_FACTS)),
            "at_least": Param(int, doc="每年至少几次"),
        },
        _yearly,
        lambda p: f"{YEARLY_FACTS.get(p['fact'], p['fact'])}每年至少 {p['at_least']} 次",
        lambda p: (p["fact"],),
    ),
    RuleKind(
        "secretary_training",
        "支部书记培训",
        {"at_least": Param(int, doc="每年至少几次")},
        _training,
        lambda p: f"支部书记每年至少参加 {p['at_least']} 次集中培训",
        reads("training.secretary_sessions"),
    ),
)
