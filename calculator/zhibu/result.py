"""What scoring produces: each item's outcome, each scheme's groups, score and verdict, the findings.

Plain data, no behaviour beyond counting: scoring.py makes it, verdicts.py reads the groups to
word a verdict, report.py writes it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from .model import Assessment, Clause, Item, Scheme

Status = Literal["pass", "partial", "fail", "na", "unanswered", "pending"]
STATUS_WORDS: dict[str, str] = {
    "pass": "达到",
    "partial": "基本达到",
    "fail": "未达到",
    "na": "不适用",
    "unanswered": "未作答",
    "pending": "进行中",
}


class ItemOutcome(NamedTuple):  # NamedTuples: made ~100 times per branch, and a roll-up scores 100,000
    """How one item came out for this branch, before any scheme weighs it."""

    item: Item
    status: Status
    source: Literal["rule", "answer"]
    message: str
    note: str


class EntryResult(NamedTuple):
    item: str
    status: Status
    credit: float | None  # None: 不适用, left out of the total
    weight: float
    must_pass: bool


@dataclass(frozen=True)
class GroupResult:
    id: str
    name: str
    weight: float
    ratio: float | None  # None when no item of the group applies
    entries: tuple[EntryResult, ...]

    @property
    def answered(self) -> int:
        return sum(1 for e in self.entries if e.status != "unanswered")


@dataclass(frozen=True)
class Verdict:
    label: str
    passed: bool | None  # None for a grade that is neither pass nor fail
    rank: int  # 0 = best outcome of the scheme
    reasons: tuple[str, ...]
    provisional: bool  # some items not yet answered, or not yet due (进行中)


@dataclass(frozen=True)
class SchemeResult:
    scheme: Scheme
    score: float
    groups: tuple[GroupResult, ...]
    verdict: Verdict
    left_out: tuple[str, ...] = ()  # items of the scheme written for other branch types: neither asked nor counted

    @property
    def answered(self) -> int:
        return sum(g.answered for g in self.groups)

    @property
    def total(self) -> int:
        return sum(len(g.entries) for g in self.groups)

    @property
    def pending(self) -> int:
        """Items whose period is still running and not yet met (进行中)."""
        return sum(1 for g in self.groups for e in g.entries if e.status == "pending")


class Finding(NamedTuple):
    """An item not (fully) met, and the chosen schemes that weigh it."""

    outcome: ItemOutcome
    schemes: tuple[str, ...]

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self.outcome.item.clauses


@dataclass(frozen=True)
class Result:
    assessment: Assessment
    rubric_version: str
    schemes: tuple[SchemeResult, ...]
    findings: tuple[Finding, ...]  # items the standard weighs, not (fully) met: the 问题清单
    outcomes: tuple[ItemOutcome, ...]  # every item the chosen schemes use that applies, in rubric order
    compare_findings: tuple[Finding, ...] = ()  # items only a comparison weighs, not (fully) met
