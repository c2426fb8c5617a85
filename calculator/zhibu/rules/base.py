"""What every rule kind shares: its parameters, its context, its outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..facts import LABELS

# pending: a requirement whose period has not ended by the check date and is not yet met (进行中).
Status = Literal["pass", "fail", "missing", "na", "pending"]


@dataclass(frozen=True)
class Param:
    """One parameter a rule kind accepts in the page's declaration."""

    type: type | tuple[type, ...]
    required: bool = True
    doc: str = ""


@dataclass(frozen=True)
class Context:
    """What a check may look at: the branch, the period and the facts."""

    branch_type: str
    period_start: dt.date
    period_end: dt.date
    check_date: dt.date
    facts: Mapping[str, Any]

    @property
    def until(self) -> dt.date:
        """The last day judged: the period's end or the check date, whichever comes first."""
        return min(self.period_end, self.check_date)

    @property
    def running(self) -> bool:
        """The self-check period has not ended by the check date: what it asks for is still due."""
        return self.check_date < self.period_end

    def due(self) -> str:
        """The day a requirement of the whole period is due, in words (12月31日, or 2027年1月31日)."""
        return day_words(self.period_end, self.check_date.year)

    def fact(self, path: str) -> Any:
        """The fact at a dotted path, or None when it was not given."""
        node: Any = self.facts
        for key in path.split("."):
            if not isinstance(node, Mapping) or key not in node:
                return None
            node = node[key]
        return node


@dataclass(frozen=True)
class Outcome:
    status: Status
    message: str


def passed(message: str) -> Outcome:
    return Outcome("pass", message)


def failed(message: str) -> Outcome:
    return Outcome("fail", message)


def pending(message: str) -> Outcome:
    return Outcome("pending", message)


def by_year_end(
    ctx: Context, done: int, need: int, unit: str, *, met: str, so_far: str, short: str, note: str = ""
) -> Outcome:
    """A count the period must reach, on the one clock: met; 进行中 with what is still needed while
    the period runs (`note` after the deadline); else not met."""
    if done >= need:
        return passed(met)
    if ctx.running:
        return pending(f"{so_far}，还需 {need - done} {unit}，截止 {ctx.due()}{note}")
    return failed(short)


def day_words(day: dt.date, this_year: int) -> str:
    """A date as a deadline reads: 6月30日 in the year of the check, 2027年1月31日 otherwise."""
    return f"{day.month}月{day.day}日" if day.year == this_year else f"{day.year}年{day.month}月{day.day}日"


def not_applicable(message: str) -> Outcome:
    return Outcome("na", message)


def missing_of(*given: tuple[str, object]) -> Outcome:
    """`missing` for those of (fact path, value) pairs whose value was not given."""
    return missing(*[path for path, value in given if value is None])


def missing(*paths: str) -> Outcome:
    names = "、".join(f"“{LABELS[p]}”" for p in paths)
    return Outcome("missing", f"请填写{names}")


Check = Callable[[Mapping[str, Any], Context], Outcome]
Reads = Callable[[Mapping[str, Any]], tuple[str, ...]]


@dataclass(frozen=True)
class RuleKind:
    """A kind of check: its parameters, the facts it reads, and a pure function of (params, context).

    `reads(params)` lists every fact path the check may look at (facts.FACTS declares them);
    the rubric compiler refuses a declaration whose rule reads a fact not declared, and the
    rule cases hold each check to its list.
    """

    name: str
    title: str
    params: Mapping[str, Param]
    check: Check
    describe: Callable[[Mapping[str, Any]], str]
    reads: Reads


def reads(*paths: str) -> Reads:
    """`RuleKind.reads` for a kind that always reads the same facts."""
    return lambda params: paths


# Parameters every rule kind accepts.
COMMON_PARAMS: dict[str, Param] = {
    "applies_to": Param(list, required=False, doc="只适用于这些支部类型；其余类型为“不适用”"),
}


def applies(params: Mapping[str, Any], ctx: Context) -> bool:
    types = params.get("applies_to")
    return types is None or ctx.branch_type in types


def members_total(ctx: Context) -> int | None:
    full, prob = ctx.fact("members.full"), ctx.fact("members.probationary")
    if full is None:
        return None
    return int(full) + int(prob or 0)


def yuan(amount: float) -> str:
    """Money in 元 the way the documents write it: 10 万元, 3000 元."""
    if amount >= 10000 and amount % 1000 == 0:
        return f"{amount / 10000:g} 万元"
    return f"{amount:g} 元"
