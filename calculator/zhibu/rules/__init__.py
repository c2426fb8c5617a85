"""The rule registry: `{kind: RuleKind}`, declared as data; one small module per concern.

Adding a kind is one function and one row in its module's RULES table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Problem, child
from ..facts import BY_PATH, MEETING_TYPES
from . import coverage, development, funding, meetings, structure, terms
from .base import COMMON_PARAMS, Context, Outcome, RuleKind, applies, not_applicable

REGISTRY: dict[str, RuleKind] = {
    kind.name: kind for module in (structure, terms, meetings, coverage, development, funding) for kind in module.RULES
}

__all__ = ["REGISTRY", "Context", "Outcome", "RuleKind", "evaluate", "validate_params"]


def evaluate(kind: str, params: Mapping[str, Any], ctx: Context) -> Outcome:
    """Run one check; a rule that does not apply to the branch type is 不适用."""
    if not applies(params, ctx):
        return not_applicable(f"不适用于“{ctx.branch_type}”类支部")
    return REGISTRY[kind].check(params, ctx)


def validate_params(kind: str, params: Any, path: str) -> list[Problem]:
    """Problems with a rule declaration: unknown kind, missing or mistyped parameters."""
    if kind not in REGISTRY:
        return [Problem(child(path, "kind"), f"未知的规则类型“{kind}”，可用：{'、'.join(sorted(REGISTRY))}")]
    if not isinstance(params, Mapping):
        return [Problem(child(path, "params"), "应为键值对")]
    spec = {**REGISTRY[kind].params, **COMMON_PARAMS}
    problems = [
        Problem(child(child(path, "params"), name), "缺少必填参数")
        for name, p in spec.items()
        if p.required and name not in params
    ]
    for name, value in params.items():
        where = child(child(path, "params"), name)
        if name not in spec:
            problems.append(Problem(where, f"规则“{kind}”没有这个参数，可用：{'、'.join(spec)}"))
        elif (isinstance(value, bool) and spec[name].type is not bool) or not isinstance(value, spec[name].type):
            problems.append(Problem(where, "类型不对"))
    problems.extend(_specific(kind, params, path))
    if not problems:
        problems.extend(
            Problem(path, f"规则读取的事实“{fact}”没有在 zhibu/facts.py 中声明")
            for fact in REGISTRY[kind].reads(params)
            if fact not in BY_PATH
        )
    return problems


def _specific(kind: str, params: Mapping[str, Any], path: str) -> list[Problem]:
    """Checks a type alone cannot express."""
    out: list[Problem] = []
    p = child(path, "params")
    if kind == "meeting_frequency":
        if params.get("meeting") not in MEETING_TYPES:
            out.append(Problem(child(p, "meeting"), "会议类型应为：" + "、".join(MEETING_TYPES)))
        if params.get("per") not in ("month", "quarter", "half_year", "year"):
            out.append(Problem(child(p, "per"), "周期应为 month、quarter、half_year、year 之一"))
        if ("at_least" in params) == ("at_least_by_type" in params):
            out.append(Problem(p, "at_least 与 at_least_by_type 应有且只有一个"))
        inferred = params.get("inferred") or {}
        if set(inferred) - set(params.get("at_least_by_type") or {}):
            out.append(Problem(child(p, "inferred"), "推断的类型应在 at_least_by_type 中"))
    if kind == "member_coverage" and params.get("fact") not in coverage.COVERAGE_FACTS:
        out.append(Problem(child(p, "fact"), "应为：" + "、".join(coverage.COVERAGE_FACTS)))
    if kind == "yearly_count" and params.get("fact") not in coverage.YEARLY_FACTS:
        out.append(Problem(child(p, "fact"), "应为：" + "、".join(coverage.YEARLY_FACTS)))
    if kind == "funding_minimum" and params.get("fact") not in funding.AMOUNT_FACTS:
        out.append(Problem(child(p, "fact"), "应为：" + "、".join(funding.AMOUNT_FACTS)))
    return out
