"""Branch, committee and party-group structure (威海 三（一）1、3)."""

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
    not_applicable,
    passed,
    reads,
)


def _min_full_members(p: Mapping[str, Any], ctx: Context) -> Outcome:
    full = ctx.fact("members.full")
    if full is None:
        return missing("members.full")
    if full >= p["min"]:
        return passed(f"正式党员 {full} 人，达到成立党支部所需的 {p['min']} 人")
    return failed(f"正式党员只有 {full} 人，不足成立党支部所需的 {p['min']} 人")


def _committee(p: Mapping[str, Any], ctx: Context) -> Outcome:
    total = members_total(ctx)
    has = ctx.fact("committee.has_committee")
    if total is None or has is None:
        return missing_of(("members.full", total), ("committee.has_committee", has))
    threshold, low, high = p["members_threshold"], p["min_size"], p["max_size"]
    if total < threshold:
        if has:
            return failed(f"党员 {total} 人，不足 {threshold} 人，按规定不设支部委员会，但已设立")
        return passed(f"党员 {total} 人，不足 {threshold} 人，不设支部委员会")
    if not has:
        return failed(f"党员 {total} 人，达到 {threshold} 人，应设立支部委员会，但尚未设立")
    size = ctx.fact("committee.size")
    if size is None:
        return missing("committee.size")
    if low <= size <= high:
        return passed(f"支部委员会 {size} 人，在 {low}—{high} 人之间")
    return failed(f"支部委员会 {size} 人，不在 {low}—{high} 人之间")


def _party_groups(p: Mapping[str, Any], ctx: Context) -> Outcome:
    groups = ctx.fact("groups")
    if groups is None:
        return missing("groups")
    if not groups:
        return not_applicable("未设党小组")
    bad = [
        f"{g.get('name') or f'第{i + 1}个党小组'}（{g['members']} 人，正式党员 {g['full']} 人）"
        for i, g in enumerate(groups)
        if g["members"] < p["min_members"] or g["full"] < p["min_full"]
    ]
    if bad:
        return failed(
            f"党小组应不少于 {p['min_members']} 名党员、至少 {p['min_full']} 名正式党员，不符合的有：" + "、".join(bad)
        )
    return passed(f"{len(groups)} 个党小组都不少于 {p['min_members']} 名党员、至少 {p['min_full']} 名正式党员")


RULES = (
    RuleKind(
        "min_full_members",
        "成立党支部的正式党员人数",
        {"min": Param(int, doc="至少几名正式党员")},
        _min_full_members,
        lambda p: f"正式党员不少于 {p['min']} 人",
        reads("members.full"),
    ),
    RuleKind(
        "committee_structure",
        "支部委员会的设置与人数",
        {
            "members_threshold": Param(int, doc="党员达到几人设支部委员会"),
            "min_size": Param(int, doc="委员至少几人"),
            "max_size": Param(int, doc="委员至多几人"),
        },
        _committee,
        lambda p: (
            f"党员 {p['members_threshold']} 人以上设支部委员会，委员 {p['min_size']}—{p['max_size']} 人；"
            f"不足 {p['members_threshold']} 人不设"
        ),
        reads("members.full", "members.probationary", "committee.has_committee", "committee.size"),
    ),
    RuleKind(
        "party_groups",
        "党小组的人数",
        {"min_members": Param(int, doc="每组至少几名党员"), "min_full": Param(int, doc="每组至少几名正式党员")},
        _party_groups,
        lambda p: f"每个党小组不少于 {p['min_members']} 名党员，至少 {p['min_full']} 名正式党员",
        reads("groups"),
    ),
)
