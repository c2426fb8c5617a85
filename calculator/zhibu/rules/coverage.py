"""Counts over the self-check year: every member reached (talks, lectures, community service each half
year), every 党员领导同志 lecturing, and what the secretary does at least so many times (training,
lectures, the upper level's talks): 威海 三（三）9、14，三（五）29；合肥 附件2 第3项；苏州 四1."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..periods import complete_periods, running_period
from .base import (
    Context,
    Outcome,
    Param,
    RuleKind,
    by_year_end,
    day_words,
    failed,
    members_total,
    missing,
    missing_of,
    not_applicable,
    passed,
    pending,
    reads,
)

COVERAGE_FACTS = {
    "talks.members_talked": "支部书记与党员谈心谈话",
    "lectures.members_lectured": "党员讲党课",
    "reports.members_monthly": "党员每月向党支部汇报履职尽责情况",
}
# Counts of members who have done it every month so far: one month missed cannot be made up, so
# these are judged on the check date, never 进行中.
EVERY_MONTH = frozenset({"reports.members_monthly"})
# Counts a year must reach: the fact, and what is counted in words.
YEARLY_FACTS = {
    "lectures.by_secretary": "支部书记为本支部党员讲党课",
    "talks.upper_with_secretary": "上级党组织书记与支部书记谈心谈话",
    "links.visits": "组织党员到基层调研、走访",
}
# Kinds of organisation a 领导机关 branch links with directly, one of each (威海 三（五）29).
LINK_FACTS = {
    "links.poor_village": "脱贫攻坚重点村",
    "links.struggling_firm": "生产经营困难企业",
    "links.college": "高等院校",
}


def _coverage(p: Mapping[str, Any], ctx: Context) -> Outcome:
    fact = p["fact"]
    total, done = members_total(ctx), ctx.fact(fact)
    if total is None or done is None:
        return missing_of(("members.full", total), (fact, done))
    what = COVERAGE_FACTS[fact]
    if fact in EVERY_MONTH:
        if done >= total:
            return passed(f"{what}：全部 {total} 名党员每月都汇报")
        return failed(f"{what}应每月覆盖每名党员，到自查日期只有 {done} / {total} 人每月都汇报")
    return by_year_end(
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
    return by_year_end(
        ctx,
        sessions,
        p["at_least"],
        "次",
        met=f"支部书记本年度参加培训 {sessions} 次",
        so_far=f"支部书记已参加培训 {sessions} 次",
        short=f"支部书记每年至少参加 {p['at_least']} 次培训，本年度 {sessions} 次",
    )


def _yearly(p: Mapping[str, Any], ctx: Context) -> Outcome:
    fact, need = p["fact"], p["at_least"]
    done = ctx.fact(fact)
    if done is None:
        return missing(fact)
    what = YEARLY_FACTS[fact]
    return by_year_end(
        ctx,
        done,
        need,
        "次",
        met=f"{what}本年度 {done} 次",
        so_far=f"{what}已 {done} 次",
        short=f"{what}每年至少 {need} 次，本年度 {done} 次",
    )


def _leaders(p: Mapping[str, Any], ctx: Context) -> Outcome:
    leaders, done = ctx.fact("lectures.leaders"), ctx.fact("lectures.leaders_lectured")
    if leaders == 0:
        return not_applicable("本支部没有党员领导同志")
    if leaders is None or done is None:
        return missing_of(("lectures.leaders", leaders), ("lectures.leaders_lectured", done))
    return by_year_end(
        ctx,
        done,
        leaders,
        "人",
        met=f"{leaders} 名党员领导同志本年度都为支部党员讲过党课",
        so_far=f"党员领导同志已有 {done} / {leaders} 人讲过党课",
        short=f"党员领导同志每人每年应为所在支部党员讲党课，本年度只有 {done} / {leaders} 人讲过",
    )


# The half years' facts: the first (1–6月) and the second (7–12月) of a calendar year.
HALVES = {"上半年": "service.first_half", "下半年": "service.second_half"}


def _half_of(label: str) -> str:
    """The fact of a half year by its label (2026年上半年 → service.first_half)."""
    return HALVES[label[-3:]]


def _community(p: Mapping[str, Any], ctx: Context) -> Outcome:
    """Every member in community service at least once each half year (威海 三（五）29): each half
    year that has ended is judged; the one under way is 进行中 until every member has taken part."""
    ended = complete_periods(ctx.period_start, ctx.until, "half_year")
    running = running_period(ctx.period_start, ctx.until, ctx.period_end, "half_year")
    if not ended and running is None:
        return not_applicable("自查期内没有完整的半年")
    total = members_total(ctx)
    wanted = [_half_of(label) for label, _ in ended] + ([_half_of(running[0])] if running else [])
    given = {path: ctx.fact(path) for path in wanted}
    if total is None or None in given.values():
        return missing_of(("members.full", total), *given.items())
    short = [
        f"{label}（{given[_half_of(label)]} / {total} 人）" for label, _ in ended if given[_half_of(label)] < total
    ]
    if short:
        return failed("每名党员每半年至少参加 1 次社区服务，未做到的有：" + "、".join(short))
    if running is not None and given[_half_of(running[0])] < total:
        label, _, last = running
        done = given[_half_of(label)]
        return pending(
            f"{label}进行中：已有 {done} / {total} 人参加社区服务，还需 {total - done} 人，"
            f"截止 {day_words(last, ctx.check_date.year)}"
        )
    return passed("每名党员每半年都参加了社区服务" if ended else "本半年每名党员都已参加社区服务")


def _links(p: Mapping[str, Any], ctx: Context) -> Outcome:
    given = {path: ctx.fact(path) for path in LINK_FACTS}
    if None in given.values():
        return missing_of(*given.items())
    need = p["at_least"]
    short = [f"{LINK_FACTS[path]}（{n} 个）" for path, n in given.items() if n < need]
    if not short:
        return passed("从" + "、".join(LINK_FACTS.values()) + f"中各直接联系帮带 {need} 个以上党组织")
    # A standing link either is in place or not: judged on the check date, not at the year's end.
    return failed(f"应从三类单位中分别直接联系帮带 {need} 个党组织，未做到的有：" + "、".join(short))


def _speakers(p: Mapping[str, Any], ctx: Context) -> Outcome:
    """Every session of 集中学习 (the 主题党日 logged so far in the period) had 1–2 members speak."""
    log, done = ctx.fact("meetings"), ctx.fact("study.sessions_with_speakers")
    if log is None or "主题党日" not in log or done is None:
        return missing_of(
            ("meetings", None if log is None or "主题党日" not in log else log), ("study.sessions_with_speakers", done)
        )
    start, until = ctx.period_start.isoformat()[:7], ctx.until.isoformat()[:7]
    held = sum(n for month, n in log["主题党日"].items() if start <= month <= until)
    if held == 0:
        return not_applicable("自查期内还没有记录集中学习（主题党日）")
    if done >= held:
        return passed(f"{held} 次集中学习都安排了党员作主题发言")
    return failed(f"每次集中学习应安排 1—2 名党员作主题发言，{held} 次中只有 {done} 次安排了")


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
        "leaders_lectures",
        "党员领导同志讲党课",
        {},
        _leaders,
        lambda p: "支部党员领导同志每人每年为所在支部党员讲党课",
        reads("lectures.leaders", "lectures.leaders_lectured"),
    ),
    RuleKind(
        "community_service",
        "每半年参加社区服务",
        {},
        _community,
        lambda p: "每名党员每半年至少参加 1 次社区服务",
        reads("members.full", "members.probationary", *HALVES.values()),
    ),
    RuleKind(
        "links_each_kind",
        "分别直接联系帮带",
        {"at_least": Param(int, doc="每类至少几个")},
        _links,
        lambda p: "从" + "、".join(LINK_FACTS.values()) + f"中分别直接联系帮带 {p['at_least']} 个党组织",
        reads(*LINK_FACTS),
    ),
    RuleKind(
        "speakers_each_session",
        "每次集中学习安排主题发言",
        {},
        _speakers,
        lambda p: "每次集中学习安排 1—2 名党员作主题发言",
        reads("meetings", "study.sessions_with_speakers"),
    ),
    RuleKind(
        "secretary_training",
        "支部书记培训",
        {"at_least": Param(int, doc="每年至少几次")},
        _training,
        lambda p: f"支部书记每年至少参加 {p['at_least']} 次培训",
        reads("training.secretary_sessions"),
    ),
)
