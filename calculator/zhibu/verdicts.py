"""How a scheme words its verdict: a registry `{kind: decide}`, as the scheme's page declares."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import Problem, child

if TYPE_CHECKING:
    from .model import Scheme
    from .scoring import GroupResult, ItemOutcome


STATUS_WORDS = {"pass": "达到", "partial": "基本达到", "fail": "未达到", "na": "不适用", "unanswered": "未作答"}


@dataclass(frozen=True)
class Verdict:
    label: str
    passed: bool | None  # None for a grade that is neither pass nor fail
    rank: int  # 0 = best outcome of the scheme
    reasons: tuple[str, ...]
    provisional: bool  # some items not yet answered


def _met(entry_credit: float | None, least: float) -> bool:
    return entry_credit is None or entry_credit >= least - 1e-9


def _threshold(
    v: Mapping[str, Any], score: float, groups: tuple[GroupResult, ...], names: Mapping[str, str]
) -> Verdict:
    ok = score >= float(v["min"]) - 1e-9
    reason = () if ok else (f"得分 {score:.1f}，低于 {v['min']:g} 分",)
    return Verdict(v["pass"] if ok else v["fail"], ok, 0 if ok else 1, reason, False)


def _grades(v: Mapping[str, Any], score: float, groups: tuple[GroupResult, ...], names: Mapping[str, str]) -> Verdict:
    bands = sorted(v["bands"], key=lambda b: -float(b["min"]))
    for rank, band in enumerate(bands):
        if score >= float(band["min"]) - 1e-9:
            return Verdict(band["label"], None, rank, (f"得分 {score:.1f}",), False)
    return Verdict(bands[-1]["label"], None, len(bands) - 1, (f"得分 {score:.1f}",), False)


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


Decide = Callable[[Mapping[str, Any], float, "tuple[GroupResult, ...]", Mapping[str, str]], Verdict]

# kind -> (decide, required parameters)
VERDICTS: dict[str, tuple[Decide, tuple[str, ...]]] = {
    "threshold": (_threshold, ("min", "pass", "fail")),
    "grades": (_grades, ("bands",)),
    "all_groups": (_all_groups, ("min_item_credit", "pass", "fail")),
    "all_items": (_all_items, ("min_item_credit", "pass", "fail")),
}


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
    names = _Names(outcomes)
    verdict = VERDICTS[v["kind"]][0](v, score, groups, names)
    vetoed = [names[item] for item in vetoed_items]
    if vetoed:
        worst = _worst(v)
        verdict = Verdict(
            worst[0],
            False if verdict.passed is not None else None,
            worst[1],
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


def _worst(v: Mapping[str, Any]) -> tuple[str, int]:
    if v["kind"] == "grades":
        bands = sorted(v["bands"], key=lambda b: -float(b["min"]))
        return bands[-1]["label"], len(bands) - 1
    return v["fail"], 1


def validate_verdict(v: Any, path: str) -> list[Problem]:
    """Problems with a scheme's verdict declaration."""
    if not isinstance(v, Mapping) or v.get("kind") not in VERDICTS:
        return [Problem(child(path, "kind"), "结论方式应为：" + "、".join(VERDICTS))]
    out = [Problem(child(path, k), "缺少此项") for k in VERDICTS[v["kind"]][1] if k not in v]
    if v["kind"] == "grades" and isinstance(v.get("bands"), list):
        for i, band in enumerate(v["bands"]):
            if not isinstance(band, Mapping) or not {"min", "label"} <= set(band):
                out.append(Problem(child(child(path, "bands"), i), "每一档应有 min 与 label"))
    return out
