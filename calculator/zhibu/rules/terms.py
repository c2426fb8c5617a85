"""Terms, elections and vacancies (威海 三（一）2、三（二）7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..periods import add_months
from .base import Context, Outcome, Param, RuleKind, failed, missing, passed, reads


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _term_due(p: Mapping[str, Any], ctx: Context) -> Outcome:
    last = ctx.fact("election.last")
    if last is None:
        return missing("election.last")
    extension = int(ctx.fact("election.extension_months") or 0)
    limit = int(p["max_extension_months"])
    if extension > limit:
        return failed(f"经批准延期 {extension} 个月，超过延长期限 {limit} 个月")
    due = add_months(_date(last), 12 * int(p["years"]) + extension)
    if ctx.check_date > due:
        days = (ctx.check_date - due).days
        return failed(f"任期已于 {due.isoformat()} 届满，换届已逾期 {days} 天")
    left = (due - ctx.check_date).days
    when = "今天届满，应按期换届" if left == 0 else f"还有 {left} 天届满"
    return passed(f"任期至 {due.isoformat()}，{when}")


def _vacancy(p: Mapping[str, Any], ctx: Context) -> Outcome:
    vacancies = ctx.fact("vacancies")
    if vacancies is None:
        return missing("vacancies")
    months = int(p["max_months"])
    late: list[str] = []
    for v in vacancies:
        deadline = add_months(_date(v["since"]), months)
        filled = v.get("filled")
        post = v.get("post") or "支部负责人"
        if filled is not None and _date(filled) > deadline:
            late.append(f"{post}（{v['since']} 出缺，{filled} 才补齐）")
        elif filled is None and ctx.check_date > deadline:
            late.append(f"{post}（{v['since']} 出缺，至今未补齐）")
    if late:
        return failed(f"出缺后应在 {months} 个月内补齐，超期的有：" + "、".join(late))
    if not vacancies:
        return passed("本期没有出缺")
    return passed(f"{len(vacancies)} 处出缺都在 {months} 个月内补齐或尚在期限内")


RULES = (
    RuleKind(
        "term_due",
        "按期换届",
        {"years": Param(int, doc="每届任期几年"), "max_extension_months": Param(int, doc="经批准最多延长几个月")},
        _term_due,
        lambda p: f"每届任期 {p['years']} 年，届满按期换届；经批准延期不超过 {p['max_extension_months']} 个月",
        reads("election.last", "election.extension_months"),
    ),
    RuleKind(
        "vacancy_filled",
        "出缺及时补齐",
        {"max_months": Param(int, doc="出缺后几个月内补齐")},
        _vacancy,
        lambda p: f"班子出缺后 {p['max_months']} 个月内补齐",
        reads("vacancies"),
    ),
)
