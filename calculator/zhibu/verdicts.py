"""How a scheme words its verdict: a registry `{kind: VerdictKind}`, as the scheme's page declares.

Each kind says what it needs (`params`), how it decides from the score and the groups
(`decide`), its worst outcome (what a failed must-pass item forces) and how the scheme card
on the page describes it in words (`describe`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import Problem, child
from .model import Scheme
from .result import STATUS_WORDS, GroupResult, ItemOutcome, Verdict

Decide = Callable[[Mapping[str, Any], float, tuple[GroupResult, ...], Mapping[str, str]], Verdict]


@dataclass(frozen=True)
class VerdictKind:
    params: tuple[str, ...]  # required in the declaration
    decide: Decide
    worst: Callable[[Mapping[str, Any]], tuple[str, int]]  # (label, rank) of the worst outcome
    describe: Callable[[Mapping[str, Any]], str]  # the rule in words, for the scheme's card


def _met(entry_credit: float | None, least: float) -> bool:
    return entry_credit is None or entry_credit >= least - 1e-9


def _bands(v: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return sorted(v["bands"], key=lambda b: -float(b["min"]))


def _pass_fail_worst(v: Mapping[str, Any]) -> tuple[str, int]:
    return v["fail"], 1


def _least(v: Mapping[str, Any]) -> str:
    return "达到" if float(v["min_item_credit"]) >= 1 else "达到或基本达到"


def _threshold(
    v: Mapping[str, Any], score: float, groups: tuple[GroupResult, ...], names: Mapping[str, str]
) -> Verdict:
    ok = score >= float(v["min"]) - 1e-9
    reason = () if ok else (f"得分 {score:.1f}，低于 {v['min']:g} 分",)
    return Verdict(v["pass"] if ok else v["fail"], ok, 0 if ok else 1, reason, False)


def _grades(v: Mapping[str, Any], score: float, groups: tuple[GroupResult, ...], names: Mapping[str, str]) -> Verdict:
    bands = _bands(v)
    for rank, band in enumerate(bands):
        if score >= float(band["min"]) - 1e-9:
            return Verdict(band["label"], None, rank, (f"得分 {score:.1f}",), False)
    return Verdict(bands[-1]["label"], None, len(bands) - 1, (f"得分 {score:.1f}",), False)


def _grades_text(v: Mapping[str, Any]) -> str:
    bands = _bands(v)
    return (
        "按得分定档："
        + "；".join(f"{b['min']:g} 分及以上为“{b['label']}”" for b in bands[:-1])
        + f"；其余为“{bands[-1]['label']}”"
    )


def _all_groups(
    v: Mapping[str, Any], score: float, groups: tuple[GroupResult, ...], names: Mapping[str, str]
) -> Verdict:
    least = float(v["min_item_credit"])
    failing = [g.name for g in groups if not all(_met(e.credit, least) for e in g.entries)]
    ok = not failing
    reasons = tuple(f"“{n}”不合格" for n in failing)
    return Verdict(v["pass"] if ok else v["fail"], ok, 0 if ok else 1, reasons, False)


def _all_items(
    v: Mapping[str, Any], score: float, groups: tuple[GroupResult, ...], names: Mapping[str, str]
) -> Verdict:
    least = float(v["min_item_credit"])
    failing = [(names[e.item], e.status) for g in groups for e in g.entries if not _met(e.credit, least)]
    ok = not failing
    reasons = tuple(f"未满足：{n}（{STATUS_WORDS[status]}）" for n, status in failing)
    return Verdict(v["pass"] if ok else v["fail"], ok, 0 if ok else 1, reasons, False)


VERDICTS: dict[str, VerdictKind] = {
    "threshold": VerdictKind(
        ("min", "pass", "fail"),
        _threshold,
        _pass_fail_worst,
        lambda v: f"得分 {v['min']:g} 分及以上为“{v['pass']}”，否则为“{v['fail']}”",
    ),
    "grades": VerdictKind(("bands",), _grades, lambda v: (_bands(v)[-1]["label"], len(v["bands"]) - 1), _grades_text),
    "all_groups": VerdictKind(
        ("min_item_credit", "pass", "fail"),
        _all_groups,
        _pass_fail_worst,
        lambda v: f"每组的每一项都{_least(v)}，该组合格；各组都合格为“{v['pass']}”，否则为“{v['fail']}”",
    ),
    "all_items": VerdictKind(
        ("min_item_credit", "pass", "fail"),
        _all_items,
        _pass_fail_worst,
        lambda v: f"每一项都{_least(v)}为“{v['pass']}”，否则为“{v['fail']}”，并列出未达到的项",
    ),
}


def describe(v: Mapping[str, Any]) -> str:
    """A verdict declaration in words (the scheme card on the document's page)."""
    return VERDICTS[v["kind"]].describe(v)


def decide(
    scheme: Scheme,
    score: float,
    groups: tuple[GroupResult, ...],
    outcomes: Mapping[str, ItemOutcome],
    vetoed_items: list[str],
    unanswered: int,
) -> Verdict:
    """The scheme's verdict; a failed must-pass item (一票否决, `vetoed_items`) forces the worst
    outcome; with items `unanswered` the verdict is provisional."""
    v = scheme.verdict
    kind = VERDICTS[v["kind"]]
    names = _Names(outcomes)
    verdict = kind.decide(v, score, groups, names)
    vetoed = [names[item] for item in vetoed_items]
    if vetoed:
        label, rank = kind.worst(v)
        verdict = Verdict(
            label,
            False if verdict.passed is not None else None,
            rank,
            tuple(f"一票否决：{n}" for n in vetoed) + verdict.reasons,
            False,
        )
    return Verdict(verdict.label, verdict.passed, verdict.rank, verdict.reasons, unanswered > 0)


class _Names(Mapping[str, str]):
    """Item texts by ID, looked up only for the reasons a verdict gives."""

    def __init__(self, outcomes: Mapping[str, ItemOutcome]) -> None:
        self._outcomes = outcomes

    def __getitem__(self, item: str) -> str:
        return self._outcomes[item].item.text

    def __iter__(self) -> Iterator[str]:
        return iter(self._outcomes)

    def __len__(self) -> int:
        return len(self._outcomes)


def validate_verdict(v: Any, path: str) -> list[Problem]:
    """Problems with a scheme's verdict declaration."""
    if not isinstance(v, Mapping) or v.get("kind") not in VERDICTS:
        return [Problem(child(path, "kind"), "结论方式应为：" + "、".join(VERDICTS))]
    out = [Problem(child(path, k), "缺少此项") for k in VERDICTS[v["kind"]].params if k not in v]
    if v["kind"] == "grades" and isinstance(v.get("bands"), list):
        for i, band in enumerate(v["bands"]):
            if not isinstance(band, Mapping) or not {"min", "label"} <= set(band):
                out.append(Problem(child(child(path, "bands"), i), "每一档应有 min 与 label"))
    return out
