"""score(rubric, assessment) -> Result: pure, no I/O, deterministic."""

from __future__ import annotations

from collections.abc import Mapping

from .model import NOT_APPLICABLE, Assessment, Item, Rubric, Scheme
from .result import EntryResult, Finding, GroupResult, ItemOutcome, Result, SchemeResult, Status
from .rules import Context, evaluate
from .verdicts import decide

ANSWER_STATUS: dict[str, Status] = {"达到": "pass", "基本达到": "partial", "未达到": "fail", NOT_APPLICABLE: "na"}
ANSWER_MESSAGE = {value: f"自评：{value}" for value in ANSWER_STATUS}
CREDIT: dict[str, float | None] = {"pass": 1.0, "fail": 0.0, "unanswered": 0.0, "na": None}


def rule_outcome(item: Item, a: Assessment, ctx: Context) -> ItemOutcome:
    """A rule item is computed from the facts (a judgement item takes the answer: see score())."""
    outcomes = [evaluate(r.kind, r.params, ctx) for r in item.rules]
    note = a.answers[item.id].note if item.id in a.answers else ""
    for status, mapped in (("fail", "fail"), ("missing", "unanswered"), ("pass", "pass")):
        chosen = [o.message for o in outcomes if o.status == status]
        if chosen:
            return ItemOutcome(item, mapped, "rule", "；".join(chosen), note)  # type: ignore[arg-type]
    return ItemOutcome(item, "na", "rule", "；".join(o.message for o in outcomes), note)


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
            entries.append(EntryResult(item, status, got, item_weight, must_pass))
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
            outcomes[item.id] = ItemOutcome(item, ANSWER_STATUS[value], "answer", ANSWER_MESSAGE[value], answer.note)
    results = tuple(score_scheme(s, outcomes) for s in schemes)
    only = (schemes[0].id,) if len(schemes) == 1 else None  # most branches choose one standard
    findings = tuple(
        Finding(o, only or tuple(s.id for s in schemes if i in s.item_ids))
        for i, o in outcomes.items()
        if o.status == "fail" or o.status == "partial"
    )
    return Result(a, rubric.version, results, findings, tuple(outcomes.values()))
