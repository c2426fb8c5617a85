"""Developing members where a branch has few or none lately (合肥 附件2 第5项；山东 二3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..periods import add_months
from .base import (
    Context,
    Outcome,
    Param,
    RuleKind,
    by_year_end,
    failed,
    members_total,
    missing,
    not_applicable,
    passed,
    reads,
)


def _recent(p: Mapping[str, Any], ctx: Context) -> Outcome:
    """No branch goes more than `years` years without developing a member (山东: 3 年以上未发展党员)."""
    last = ctx.fact("development.last")
    if last is None:
        return missing("development.last")
    years = int(p["years"])
    due = add_months(dt.date.fromisoformat(str(last)), 12 * years)
    if ctx.check_date > due:
        return failed(f"上次发展党员在 {last}，已有 {years} 年以上未发展党员")
    return passed(f"上次发展党员在 {last}，未满 {years} 年")


def _small(p: Mapping[str, Any], ctx: Context) -> Outcome:
    """A branch under `below` members develops or is sent at least `at_least` this year. The count is
    the site's reading of 合肥's 加大……力度 (本站推断), said in the message."""
    total = members_total(ctx)
    if total is None:
        return missing("members.full")
    below = int(p["below"])
    if total >= below:
        return not_applicable(f"党员 {total} 人，不少于 {below} 名")
    done = ctx.fact("development.this_year")
    if done is None:
        return missing("development.this_year")
    need = int(p["at_least"])
    reading = f"（本站推断：以本年度至少发展或推荐输送 {need} 人计）"
    return by_year_end(
        ctx,
        done,
        need,
        "人",
        met=f"党员不足 {below} 名，本年度发展和推荐输送党员职工 {done} 人{reading}",
        so_far=f"党员不足 {below} 名，本年度已发展和推荐输送 {done} 人",
        short=f"党员不足 {below} 名的党支部应加大发展党员和推荐输送党员职工力度，本年度 {done} 人{reading}",
        note=reading,
    )


RULES = (
    RuleKind(
        "development_recent",
        "近几年发展过党员",
        {"years": Param(int, doc="至多几年未发展党员")},
        _recent,
        lambda p: f"不出现 {p['years']} 年以上未发展党员的情况",
        reads("development.last"),
    ),
    RuleKind(
        "small_branch_growth",
        "党员少的支部发展党员",
        {"below": Param(int, doc="党员少于几名"), "at_least": Param(int, doc="每年至少发展或推荐输送几人（本站推断）")},
        _small,
        lambda p: f"党员不足 {p['below']} 名的，本年度发展或推荐输送党员职工至少 {p['at_least']} 人（本站推断）",
        reads("members.full", "members.probationary", "development.this_year"),
    ),
)
