"""Funding by branch type (威海 三（四）23)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import Context, Outcome, Param, RuleKind, failed, missing, missing_of, not_applicable, passed, reads, yuan

AMOUNT_FACTS = {"funds.operating": "运转经费", "funds.service": "为民服务专项经费"}


def _minimum(p: Mapping[str, Any], ctx: Context) -> Outcome:
    if p.get("joint_org_only") and ctx.fact("funds.joint_org") is not True:
        if ctx.fact("funds.joint_org") is None:
            return missing("funds.joint_org")
        return not_applicable("不是联合党组织")
    fact, least = p["fact"], float(p["at_least"])
    amount = ctx.fact(fact)
    if amount is None:
        return missing(fact)
    what = AMOUNT_FACTS[fact]
    reading = f"（{p['reading']}）" if p.get("reading") else ""
    if amount >= least:
        return passed(f"{what} {yuan(amount)}，不低于 {yuan(least)}{reading}")
    return failed(f"{what}应不低于 {yuan(least)}，实际 {yuan(amount)}{reading}")


def _per_households(p: Mapping[str, Any], ctx: Context) -> Outcome:
    amount, households = ctx.fact("funds.operating"), ctx.fact("funds.households")
    if amount is None or households is None:
        return missing_of(("funds.operating", amount), ("funds.households", households))
    need = max(float(p["floor"]), float(p["amount"]) * households / float(p["per"]))
    if amount >= need:
        return passed(f"运转经费 {yuan(amount)}，不低于按 {households} 户计算的 {yuan(need)}")
    return failed(
        f"每 {p['per']:g} 户每年不低于 {yuan(float(p['amount']))}、总额不低于 {yuan(float(p['floor']))}："
        f"按 {households} 户应不低于 {yuan(need)}，实际 {yuan(amount)}"
    )


def _share(p: Mapping[str, Any], ctx: Context) -> Outcome:
    income, allocation = ctx.fact("funds.dues_income"), ctx.fact("funds.party_allocation")
    if income is None or allocation is None:
        return missing_of(("funds.dues_income", income), ("funds.party_allocation", allocation))
    if income == 0:
        return not_applicable("没有会费收入")
    percent = float(p["at_least_percent"])
    share = 100 * allocation / income
    if share >= percent:
        return passed(f"列支 {yuan(allocation)}，占会费收入的 {share:.1f}%")
    return failed(f"应按不低于会费 {percent:g}% 的比例列支，实际 {share:.1f}%（{yuan(allocation)} / {yuan(income)}）")


RULES = (
    RuleKind(
        "funding_minimum",
        "经费不低于规定数额",
        {
            "fact": Param(str, doc="经费事实：" + "、".join(AMOUNT_FACTS)),
            "at_least": Param((int, float), doc="不低于（元）"),
            "joint_org_only": Param(bool, required=False, doc="只适用于联合党组织"),
            "reading": Param(str, required=False, doc="文件的数字不是逐年规定时，本站怎样读它（附在说明和结果后）"),
        },
        _minimum,
        lambda p: (
            f"{AMOUNT_FACTS.get(p['fact'], p['fact'])}每年不低于 {yuan(float(p['at_least']))}"
            + ("（联合党组织）" if p.get("joint_org_only") else "")
            + (f"（{p['reading']}）" if p.get("reading") else "")
        ),
        lambda p: (p["fact"], "funds.joint_org") if p.get("joint_org_only") else (p["fact"],),
    ),
    RuleKind(
        "funding_per_households",
        "按户数计算的经费",
        {
            "per": Param((int, float), doc="每多少户"),
            "amount": Param((int, float), doc="每年不低于（元）"),
            "floor": Param((int, float), doc="总额不低于（元）"),
        },
        _per_households,
        lambda p: f"每 {p['per']:g} 户每年不低于 {yuan(float(p['amount']))}，总额不低于 {yuan(float(p['floor']))}",
        reads("funds.operating", "funds.households"),
    ),
    RuleKind(
        "funding_share",
        "按会费比例列支",
        {"at_least_percent": Param((int, float), doc="不低于会费收入的百分之几")},
        _share,
        lambda p: f"按不低于会费 {p['at_least_percent']:g}% 的比例列支",
        reads("funds.dues_income", "funds.party_allocation"),
    ),
)
