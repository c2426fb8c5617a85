"""score(rubric, assessment) -> Result: pure, no I/O, deterministic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from .model import NOT_APPLICABLE, Assessment, Clause, Item, Rubric, Scheme
from .rules import Context, evaluate
from .verdicts import STATUS_WORDS, Verdict, decide

Status = Literal["pass", "partial", "fail", "na", "unanswered"]
ANSWER_STATUS: dict[str, Status] = {"达到": "pass", "基本达到": "partial", "未达到": "fail", NOT_APPLICABLE: "na"}
STATUS_LABELS = STATUS_WORDS
ANSWER_MESSAGE = {value: f"自评：{value}" for value in ANSWER_STATUS}


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
class SchemeResult:
    scheme: Scheme
    score: float
    groups: tuple[GroupResult, ...]
    verdict: Verdict

    @property
    def answered(self) -> int:
        return sum(g.answered for g in self.groups)

    @property
    def total(self) -> int:
        return sum(len(g.entries) for g in self.groups)


class Finding(NamedTuple):
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
    findings: tuple[Finding, ...]
    outcomes: tuple[ItemOutcome, ...]  # every item the chosen schemes use, in rubric order


# NamedTuple(*fields) without the Python-level __new__ a NamedTuple adds (the hot path):
# _new(ItemOutcome, (item, status, source, message, note)).
_new: Any = tuple.__new__


def rule_outcome(item: Item, a: Assessment, ctx: Context) -> ItemOutcome:
    """A rule item is computed from the facts (a judgement item takes the answer: see score())."""
    outcomes = [evaluate(r.kind, r.params, ctx) for r in item.rules]
    note = a.answers[item.id].note if item.id in a.answers else ""
    for status, mapped in (("fail", "fail"), ("missing", "unanswered"), ("pass", "pass")):
        chosen = [o.message for o in outcomes if o.status == status]
        if chosen:
            return ItemOutcome(item, mapped, "rule", "；".join(chosen), note)  # type: ignore[arg-type]
    return ItemOutcome(item, "na", "rule", "；".join(o.message for o in outcomes), note)


CREDIT: dict[str, float | None] = {"pass": 1.0, "fail": 0.0, "unanswered": 0.0, "na": None}


def score_scheme(scheme: Scheme, outcomes: Mapping[str, ItemOutcome]) -> SchemeResult:
    groups = []
    credits = {**CREDIT, "partial": scheme.basic_credit}
    vetoed: list[str] = []  # must-pass items (一票否决) not fully met
    unanswered = 0
    for g, plan in scheme.plan:
        entries = []
        weight = earned = 0.0
        for item, item_weight, must_pass in plan:  # a plain loop: it runs for every item of every branch of a roll-up
            status = outcomes[item].status
            got = credits[status]
            entries.append(_new(EntryResult, (item, status, got, item_weight, must_pass)))
            if got is not None:
                weight += item_weight
                earned += item_weight * got
                if must_pass and got < 1:
                    vetoed.append(item)
            if status == "unanswered":
                unanswered += 1
        ratio = earned / weight if weight else None
        groups.append(GroupResult(g.id, g.name, g.weight, ratio, tuple(entries)))
    counted = [g for g in groups if g.ratio is not None]
    total_weight = sum(g.weight for g in counted)
    score = scheme.scale * sum(g.weight * (g.ratio or 0.0) for g in counted) / total_weight if total_weight else 0.0
    score = round(score, 6)
    verdict = decide(scheme, score, tuple(groups), outcomes, vetoed, unanswered)
    return SchemeResult(scheme, score, tuple(groups), verdict)


def score(rubric: Rubric, a: Assessment) -> Result:
    """Score one assessment under each scheme it chose."""
    ctx = Context(a.branch_type, a.period_start, a.evaluated_until, a.check_date, a.facts)
    schemes = [rubric.schemes[s] for s in a.schemes]
    answers = a.answers
    outcomes: dict[str, ItemOutcome] = {}
    for item in rubric.items_for(a.schemes):  # the hot loop of a roll-up
        if item.rules:
            outcomes[item.id] = rule_outcome(item, a, ctx)
            continue
        answer = answers.get(item.id)  # a judgement item takes the secretary's answer
        if answer is None:
            outcomes[item.id] = ItemOutcome(item, "unanswered", "answer", "尚未评价", "")
        else:
            value = answer.value
            status, message = ANSWER_STATUS[value], ANSWER_MESSAGE[value]
            outcomes[item.id] = _new(ItemOutcome, (item, status, "answer", message, answer.note))
    results = tuple(score_scheme(s, outcomes) for s in schemes)
    only = (schemes[0].id,) if len(schemes) == 1 else None  # most branches choose one standard
    findings = tuple(
        _new(Finding, (o, only or tuple(s.id for s in schemes if i in s.item_ids)))
        for i, o in outcomes.items()
        if o.status == "fail" or o.status == "partial"
    )
    return Result(a, rubric.version, results, findings, tuple(outcomes.values()))
