"""This year against last: two self-checks of one branch, scored alike, set side by side.

Each item in both falls in one place: resolved (a problem then, met now), improved (better, still
not fully met), worse (a problem that got worse), new (met, not applicable or not answered then, a
problem now), repeated (the same problem both times); each standard's score and verdict then and now; and
the 整改 the branch wrote last time for problems that are still open, to carry into this one.
Items are matched by their ID (an ID means one requirement for good: docs/self-check/rubric.md),
so an item retired or added between the two is listed apart, never compared with another.
`zhibu compare EARLIER LATER` prints it; the self-check page will show the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .model import Rectification
from .result import STATUS_WORDS, ItemOutcome, Result

# How well an item is met, best first: only answered, applicable items are ranked.
RANK = {"pass": 0, "partial": 1, "fail": 2}
TITLES = {
    "resolved": "已解决的问题",
    "improved": "有改善、仍未完全达到的问题",
    "worse": "更差了的问题",
    "new": "新出现的问题",
    "repeated": "两次都存在的问题",
}
KINDS = tuple(TITLES)  # Comparison's fields, in this order


@dataclass(frozen=True)
class Change:
    """One item in both self-checks: how it came out then and now."""

    item: str
    text: str
    before: str  # a status (STATUS_WORDS' keys)
    after: str
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class SchemeChange:
    scheme: str
    name: str
    before: tuple[float, str] | None  # (score, verdict) then; None when not scored then
    after: tuple[float, str] | None


@dataclass(frozen=True)
class Comparison:
    earlier: str  # "name (period)" of each self-check, as a reader tells them apart
    later: str
    schemes: tuple[SchemeChange, ...]
    resolved: tuple[Change, ...]  # a problem then, met now
    improved: tuple[Change, ...]  # better, still not fully met
    worse: tuple[Change, ...]  # a problem that got worse (基本达到 → 未达到)
    new: tuple[Change, ...]  # a problem now; met, not applicable or not answered then
    repeated: tuple[Change, ...]  # the same problem (未达到 / 基本达到) both times
    carried: tuple[tuple[Change, Rectification], ...]  # last time's 整改 for a problem still open, not yet rewritten
    only_earlier: tuple[str, ...]  # item IDs in one of the two only (retired, added, or another standard's)
    only_later: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # two branches' files, or the later one dated before the earlier


def _label(result: Result) -> str:
    a = result.assessment
    return f"{a.branch_name}（{a.period_start.isoformat()} 至 {a.period_end.isoformat()}）"


def _ranked(outcomes: tuple[ItemOutcome, ...]) -> dict[str, ItemOutcome]:
    return {o.item.id: o for o in outcomes if o.status in RANK}


def compare(earlier: Result, later: Result) -> Comparison:
    """Two results of one branch, the earlier first (their order is the caller's: the dates may say otherwise)."""
    then, now = _ranked(earlier.outcomes), _ranked(later.outcomes)
    every_then = {o.item.id for o in earlier.outcomes}
    every_now = {o.item.id for o in later.outcomes}
    kinds: dict[str, list[Change]] = {k: [] for k in KINDS}
    for item_id, after in now.items():
        before = then.get(item_id)
        change = Change(
            item_id,
            after.item.text,
            before.status if before else "unanswered",
            after.status,
            tuple(c.label for c in after.item.clauses),
        )
        problem_now = RANK[after.status] > 0
        if before is None or RANK[before.status] == 0:
            if problem_now and item_id in every_then:
                kinds["new"].append(change)
            continue
        diff = RANK[after.status] - RANK[before.status]
        kinds[
            "resolved" if not problem_now else "improved" if diff < 0 else "worse" if diff > 0 else "repeated"
        ].append(change)
    open_now = {c.item: c for k in ("improved", "worse", "repeated") for c in kinds[k]}
    carried = tuple(
        (open_now[item_id], plan)
        for item_id, plan in sorted(earlier.assessment.rectification.items())
        if item_id in open_now and item_id not in later.assessment.rectification and plan.measure.strip()
    )
    names = {s.scheme.id: s for s in earlier.schemes}
    schemes = []
    for s in later.schemes:
        old = names.get(s.scheme.id)
        schemes.append(
            SchemeChange(
                s.scheme.id,
                s.scheme.name,
                (round(old.score, 2), old.verdict.label) if old else None,
                (round(s.score, 2), s.verdict.label),
            )
        )
    a, b = earlier.assessment, later.assessment
    warnings = []
    if a.branch_name.strip() != b.branch_name.strip():
        warnings.append(f"两份自查文件的支部名称不同（{a.branch_name}、{b.branch_name}），请确认是同一个支部")
    if a.period_end > b.period_end:
        warnings.append("“上次”的自查期晚于“本次”，请检查两份文件的先后顺序")
    return Comparison(
        earlier=_label(earlier),
        later=_label(later),
        schemes=tuple(schemes),
        resolved=tuple(kinds["resolved"]),
        improved=tuple(kinds["improved"]),
        worse=tuple(kinds["worse"]),
        new=tuple(kinds["new"]),
        repeated=tuple(kinds["repeated"]),
        carried=carried,
        only_earlier=tuple(sorted(every_then - every_now)),
        only_later=tuple(sorted(every_now - every_then)),
        warnings=tuple(warnings),
    )


def _change(c: Change) -> dict[str, Any]:
    return {"item": c.item, "text": c.text, "before": c.before, "after": c.after, "clauses": list(c.clauses)}


def comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "earlier": c.earlier,
        "later": c.later,
        "schemes": [
            {
                "scheme": s.scheme,
                "name": s.name,
                "before": None if s.before is None else {"score": s.before[0], "verdict": s.before[1]},
                "after": None if s.after is None else {"score": s.after[0], "verdict": s.after[1]},
            }
            for s in c.schemes
        ],
        **{k: [_change(x) for x in getattr(c, k)] for k in KINDS},
        "carried": [
            {**_change(x), "measure": r.measure, "owner": r.owner, "deadline": r.deadline} for x, r in c.carried
        ],
        "only_earlier": list(c.only_earlier),
        "only_later": list(c.only_later),
        "warnings": list(c.warnings),
    }


def comparison_json(c: Comparison) -> str:
    return json.dumps(comparison_dict(c), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def comparison_text(c: Comparison) -> str:
    w = STATUS_WORDS
    lines = [f"两次自查对比：{c.earlier} → {c.later}", *(f"提示：{x}" for x in c.warnings), ""]
    for s in c.schemes:
        then = "（上次未按此标准评分）" if s.before is None else f"{s.before[0]:.1f} 分，{s.before[1]}"
        now = "" if s.after is None else f"{s.after[0]:.1f} 分，{s.after[1]}"
        lines.append(f"【{s.name}】上次 {then}；本次 {now}")
    for kind, title in TITLES.items():
        changes = getattr(c, kind)
        lines += ["", f"{title}（{len(changes)}）"]
        lines += [f"  {x.item} {x.text}：{w[x.before]} → {w[x.after]}（{'；'.join(x.clauses)}）" for x in changes] or [
            "  无"
        ]
    lines += ["", f"上次写下、问题仍在的整改（{len(c.carried)}，可带入本次）"]
    lines += [
        f"  {x.item} {x.text}：{r.measure}"
        + (f"；责任人 {r.owner}" if r.owner else "")
        + (f"；时限 {r.deadline}" if r.deadline else "")
        for x, r in c.carried
    ] or ["  无"]
    if c.only_earlier or c.only_later:
        lines += [
            "",
            "只在一次自查中的项（规则调整或所选标准不同，不作比较）："
            + (f"上次 {'、'.join(c.only_earlier)}" if c.only_earlier else "")
            + ("；" if c.only_earlier and c.only_later else "")
            + (f"本次 {'、'.join(c.only_later)}" if c.only_later else ""),
        ]
    return "\n".join(lines) + "\n"
