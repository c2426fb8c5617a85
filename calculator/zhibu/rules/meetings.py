"""How often each meeting is held, from the meeting log (威海 三（三）9、10、16、20)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, NamedTuple

from ..facts import MEETING_TYPES, meeting_unit
from ..periods import UNIT_NAMES, UNITS, When, month_key, timeline
from .base import (
    Context,
    Outcome,
    Param,
    RuleKind,
    day_words,
    failed,
    missing,
    not_applicable,
    passed,
    pending,
    reads,
)


def required_count(p: Mapping[str, Any], branch_type: str) -> int | None:
    """The count a meeting_frequency rule asks of this branch type (None: the rule sets none for it);
    zhibu.plan reads the same."""
    by_type = p.get("at_least_by_type")
    if by_type is not None:
        value = by_type.get(branch_type)
        return None if value is None else int(value)
    return int(p["at_least"])


class Tally(NamedTuple):
    """One calendar period of a meeting rule, as the check counts it: `held` is every month of a period
    that has ended (past); of the running one, the months up to the check date's (a later month has not
    happened); nothing of a period not begun or not wholly inside the self-check period (never judged)."""

    label: str
    months: tuple[str, ...]
    last: dt.date
    when: When
    need: int
    held: int

    @property
    def left(self) -> int:
        """What the period still needs."""
        return max(self.need - self.held, 0)


def tallies(p: Mapping[str, Any], ctx: Context, need: int, held: Mapping[str, int]) -> Iterator[Tally]:
    """Each period of the self-check period under a meeting_frequency rule, with what it needs and what
    counts of `held` (the meeting's log): what the check judges, and what the page's grid shows."""
    so_far = month_key(ctx.check_date)
    for label, months, last, when in timeline(ctx.period_start, ctx.period_end, ctx.until, p["per"]):
        if when == "past":
            count = sum(map(held.get, months, repeat(0)))  # counts are validated integers
        elif when == "running":
            count = sum(held.get(m, 0) for m in months if m <= so_far)
        else:
            count = 0
        yield Tally(label, months, last, when, need, count)


def _frequency(p: Mapping[str, Any], ctx: Context) -> Outcome:
    meeting, unit = p["meeting"], p["per"]
    need = required_count(p, ctx.branch_type)
    if need is None:
        return not_applicable(f"文件未对“{ctx.branch_type}”类支部规定{meeting}次数")
    log = ctx.fact("meetings")
    if log is None or meeting not in log:
        return missing("meetings")
    periods = list(tallies(p, ctx, need, log[meeting]))
    times = meeting_unit(meeting)  # 次, or 天 for 主题党日
    rule = f"每{UNIT_NAMES[unit]}至少 {need} {times}{meeting}"
    past = [t for t in periods if t.when == "past"]
    short = [f"{t.label}（{t.held} {times}）" for t in past if t.left]
    if short:  # what has ended is judged, whatever is still under way
        return failed(f"应{rule}，未达到的有：" + "、".join(short))
    running = next((t for t in periods if t.when == "running"), None)
    still = ""
    if running is not None and running.left:
        still = (
            f"{running.label}进行中：还需 {running.left} {times}{meeting}，"
            f"截止 {day_words(running.last, ctx.check_date.year)}"
        )
    if not past:
        if still:
            return pending(still)
        if running is None:
            return not_applicable(f"自查期内还没有完整的一个{UNIT_NAMES[unit]}")
        return passed(f"{running.label}已达到{rule}")
    done = f"{len(past)} 个{UNIT_NAMES[unit]}都达到{rule}"
    return passed(f"{done}；{still}" if still else done)


def _inferred(p: Mapping[str, Any], ctx: Context) -> Outcome:
    """The frequency, with the site's reading named where a type's count is inferred, not written
    (威海 三（三）10 fixes 主题党日 for 机关企事业单位; a 高校 is a 事业单位: 本站推断)."""
    outcome = _frequency(p, ctx)
    why = (p.get("inferred") or {}).get(ctx.branch_type)
    if why is None or outcome.status in ("missing", "na"):
        return outcome
    return Outcome(outcome.status, f"{outcome.message}（本站推断：{why}）")


def _describe(p: Mapping[str, Any]) -> str:
    unit, times = UNIT_NAMES[p["per"]], meeting_unit(p["meeting"])
    if "at_least_by_type" in p:
        inferred = p.get("inferred") or {}
        parts = "；".join(
            f"{t} {n} {times}" + (f"（本站推断：{inferred[t]}）" if t in inferred else "")
            for t, n in p["at_least_by_type"].items()
        )
        return f"{p['meeting']}每{unit}至少：{parts}"
    return f"{p['meeting']}每{unit}至少 {p['at_least']} {times}"


RULES = (
    RuleKind(
        "meeting_frequency",
        "会议与组织生活的频次",
        {
            "meeting": Param(str, doc="会议类型：" + "、".join(MEETING_TYPES)),
            "per": Param(str, doc="周期：" + "、".join(UNITS)),
            "at_least": Param(int, required=False, doc="每个周期至少几次"),
            "at_least_by_type": Param(dict, required=False, doc="按支部类型规定的次数"),
            "inferred": Param(dict, required=False, doc="文件未直接写明、由本站推断的类型 → 推断的理由"),
        },
        _inferred,
        _describe,
        reads("meetings"),
    ),
)
