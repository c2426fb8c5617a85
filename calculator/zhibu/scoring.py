"""score(rubric, assessment) -> Result: pure, no I/O, deterministic."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from .model import NOT_APPLICABLE, Assessment, Group, Item, Rubric, Scheme
from .result import EntryResult, Finding, GroupResult, ItemOutcome, Result, SchemeResult, Status
from .rules import Context, evaluate
from .verdicts import decide

ANSWER_STATUS: dict[str, Status] = {"达到": "pass", "基本达到": "partial", "未达到": "fail", NOT_APPLICABLE: "na"}
ANSWER_MESSAGE = {value: f"自评：{value}" for value in ANSWER_STATUS}
# What each outcome earns. 进行中 (pending: not yet due, not yet met) is left out of the score, as
# 不适用 is, and makes the verdict provisional, as an unanswered item does.
CREDIT: dict[Status, float | None] = {"pass": 1.0, "fail": 0.0, "unanswered": 0.0, "na": None, "pending": None}
# A rule item's outcome from its checks' outcomes: the first of these found decides it.
RULE_ORDER = (("fail", "fail"), ("missing", "unanswered"), ("pending", "pending"), ("pass", "pass"))
UNANSWERED = ""  # the key of an unanswered item's outcome in _Tables.judged
Plan = tuple[tuple[Group, tuple[tuple[str, dict[Status, EntryResult], float, bool], ...]], ...]


@dataclass(frozen=True)
class _Tables:
    """What depends on the rubric alone, made once per rubric and shared by every branch scored with it:
    immutable values, so that a roll-up of 100,000 branches makes them once, not a hundred thousand times."""

    rubric: Rubric
    judged: dict[str, dict[str, ItemOutcome]]  # judgement item -> answer (or UNANSWERED) -> outcome without a note
    plans: dict[tuple[str, str], Plan]  # (scheme, branch type) -> each group with its entries that apply
    weighing: dict[tuple[str, ...], dict[str, tuple[str, ...]]]  # chosen schemes -> item -> those that weigh it
    leaving: dict[tuple[str, str], tuple[str, ...]]  # (scheme, branch type) -> items left out

    def plan(self, scheme: Scheme, branch_type: str) -> Plan:
        """Each group of the scheme with its entries that apply to the branch type:
        (item, status -> entry, weight, must pass)."""
        found = self.plans.get((scheme.id, branch_type))
        if found is None:
            items = self.rubric.items
            credits = {**CREDIT, "partial": scheme.basic_credit}
            found = self.plans[(scheme.id, branch_type)] = tuple(
                (
                    g,
                    tuple(
                        (
                            e.item,
                            {st: EntryResult(e.item, st, c, e.weight, e.must_pass) for st, c in credits.items()},
                            e.weight,
                            e.must_pass,
                        )
                        for e in g.entries
                        if items[e.item].applies(branch_type)
                    ),
                )
                for g in scheme.groups
            )
        return found

    def left_out(self, scheme: Scheme, branch_type: str) -> tuple[str, ...]:
        """The scheme's items written for other branch types (each branch's result lists them)."""
        key = (scheme.id, branch_type)
        found = self.leaving.get(key)
        if found is None:
            found = self.leaving[key] = tuple(i.id for i in self.rubric.left_out(scheme.id, branch_type))
        return found

    def weighed_by(self, chosen: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """For a choice of schemes, which of them weigh each item (a finding names them)."""
        found = self.weighing.get(chosen)
        if found is None:
            schemes = self.rubric.schemes
            found = self.weighing[chosen] = {
                item.id: tuple(s for s in chosen if item.id in schemes[s].item_ids)
                for item in self.rubric.items_for(chosen)
            }
        return found


@functools.lru_cache(maxsize=16)
def _tables(rubric: Rubric) -> _Tables:
    judged = {
        i.id: {
            UNANSWERED: ItemOutcome(i, "unanswered", "answer", "尚未评价", ""),
            **{
                value: ItemOutcome(i, status, "answer", ANSWER_MESSAGE[value], "")
                for value, status in ANSWER_STATUS.items()
            },
        }
        for i in rubric.items.values()
        if not i.rules
    }
    return _Tables(rubric, judged, {}, {}, {})


def rule_outcome(item: Item, a: Assessment, ctx: Context) -> ItemOutcome:
    """A rule item is computed from the facts (a judgement item takes the answer: see score())."""
    outcomes = [evaluate(r.kind, r.params, ctx) for r in item.rules]
    note = a.answers[item.id].note if item.id in a.answers else ""
    for status, mapped in RULE_ORDER:
        chosen = [o.message for o in outcomes if o.status == status]
        if chosen:
            return ItemOutcome(item, mapped, "rule", "；".join(chosen), note)  # type: ignore[arg-type]
    return ItemOutcome(item, "na", "rule", "；".join(o.message for o in outcomes), note)


def score_scheme(
    scheme: Scheme, plan: Plan, outcomes: Mapping[str, ItemOutcome], left_out: tuple[str, ...] = ()
) -> SchemeResult:
    groups = []
    vetoed: list[str] = []  # must-pass items (一票否决) not fully met
    unanswered = 0  # and those not yet due (进行中): either keeps the verdict provisional
    for g, entries_of in plan:
        entries = []
        weight = earned = 0.0
        for item, by_status, item_weight, must_pass in entries_of:  # a plain loop: every item of every branch
            status = outcomes[item].status
            entry = by_status[status]
            entries.append(entry)
            got = entry.credit
            if got is not None:
                weight += item_weight
                earned += item_weight * got
                if must_pass and got < 1:
                    vetoed.append(item)
            if status == "unanswered" or status == "pending":
                unanswered += 1
        ratio = earned / weight if weight else None
        groups.append(GroupResult(g.id, g.name, g.weight, ratio, tuple(entries)))
    counted = [g for g in groups if g.ratio is not None]
    total_weight = sum(g.weight for g in counted)
    score = scheme.scale * sum(g.weight * (g.ratio or 0.0) for g in counted) / total_weight if total_weight else 0.0
    score = round(score, 6)
    verdict = decide(scheme, score, tuple(groups), outcomes, vetoed, unanswered)
    return SchemeResult(scheme, score, tuple(groups), verdict, left_out)


def score(rubric: Rubric, a: Assessment) -> Result:
    """Score one assessment under each scheme it chose."""
    ctx = Context(a.branch_type, a.period_start, a.period_end, a.check_date, a.facts)
    tables = _tables(rubric)
    judged = tables.judged
    schemes = [rubric.schemes[s] for s in a.schemes]
    answers = a.answers
    outcomes: dict[str, ItemOutcome] = {}
    for item in rubric.items_for(a.schemes, a.branch_type):  # the hot loop of a roll-up
        if item.rules:
            outcomes[item.id] = rule_outcome(item, a, ctx)
            continue
        answer = answers.get(item.id)  # a judgement item takes the secretary's answer
        if answer is None:
            outcomes[item.id] = judged[item.id][UNANSWERED]
        elif not answer.note:
            outcomes[item.id] = judged[item.id][answer.value]
        else:
            value = answer.value
            outcomes[item.id] = ItemOutcome(item, ANSWER_STATUS[value], "answer", ANSWER_MESSAGE[value], answer.note)
    results = tuple(
        score_scheme(s, tables.plan(s, a.branch_type), outcomes, tables.left_out(s, a.branch_type)) for s in schemes
    )
    weighed_by = tables.weighed_by(a.schemes)
    own = schemes[0].item_ids  # the standard's: its findings are the branch's 问题清单
    findings: list[Finding] = []
    compared: list[Finding] = []  # weighed by a comparison only
    for i, o in outcomes.items():
        if o.status == "fail" or o.status == "partial":
            (findings if i in own else compared).append(Finding(o, weighed_by[i]))
    return Result(a, rubric.version, results, tuple(findings), tuple(outcomes.values()), tuple(compared))
