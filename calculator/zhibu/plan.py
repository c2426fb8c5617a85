"""The year's plan (年度工作计划): every meeting and activity the chosen standards' rules require, how
often, and a day for each in the calendar year — as text to print, JSON, and an iCalendar file.

Nothing of what is required is written here: each rule kind that carries a frequency has one small
reader in FREQUENCIES that takes (what, per, how many) from the rule's own params and names; which
items a standard weighs, their clauses and the branch types they apply to are the rubric's, decided as
the self-check decides them (Rubric.items_for, Item.applies, a rule's applies_to). Only the day each
event goes on is this site's choice (PLACEMENT, 本站默认): the documents say how often, never when.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._version import __version__
from .errors import InputError, Problem
from .facts import BY_PATH, meeting_unit
from .ics import AllDay, calendar
from .model import BRANCH_TYPES, Item, Rubric
from .periods import UNIT_MONTHS, UNIT_NAMES, UNITS, add_months, period_label
from .report import clause_url
from .rules import REGISTRY
from .rules.base import Context, applies
from .rules.coverage import COVERAGE_FACTS, EVERY_MONTH, HALVES, YEARLY_FACTS
from .rules.meetings import required_count
from .template import suggested_standard

# The years a plan may be made for: the years of the dates the engine reads (schema/answers.py DATE_YEARS).
YEARS = range(1900, 2100)

# 本站默认: where an event goes in its period — the period's `month`-th month, on `day`. The documents
# fix how often, never the day. Each period has a day of its own (a month's page of the calendar reads
# 10 日 monthly, 15 日 quarterly, 20 日 half-yearly, 25 日 yearly), and each leaves the period's last
# month(s) to catch up in. Several events in a period take equal parts of it (_slots).
PLACEMENT: dict[str, tuple[int, int]] = {
    "month": (1, 10),
    "quarter": (2, 15),
    "half_year": (5, 20),
    "year": (11, 25),
}
MONTH_DAYS = 28  # several events in one month: from the monthly day on, every 28 ÷ n days (every month has 28)
_UNIT_OF_SIZE = {months: unit for unit, months in UNIT_MONTHS.items()}


@dataclass(frozen=True)
class Frequency:
    """What a rule asks to be done, how often: `count` `unit` each `per` (at least)."""

    what: str  # as the rubric or the facts name it: the meeting, the count's fact, the kind's title
    per: str  # month, quarter, half_year, year (periods.UNITS)
    count: int
    unit: str = "次"  # 次; 天 for 主题党日 (facts.MEETING_UNITS); 人
    who: str = ""  # who each must do it (每名党员), or which branches (党员不足 3 名的支部)
    note: str = ""  # the site's reading, where the rule marks it (本站推断)

    @property
    def words(self) -> str:
        """每月至少 2 天; 每名党员每年至少 1 次."""
        return f"{self.who}每{UNIT_NAMES[self.per]}至少 {self.count} {self.unit}"


Reader = Callable[[Mapping[str, Any], str], Frequency | None]


def _meeting(p: Mapping[str, Any], branch_type: str) -> Frequency | None:
    need = required_count(p, branch_type)  # the count the check itself uses; None: not set for the type
    if need is None:
        return None
    why = (p.get("inferred") or {}).get(branch_type)
    return Frequency(p["meeting"], p["per"], need, meeting_unit(p["meeting"]), note=f"本站推断：{why}" if why else "")


def _title(kind: str) -> str:
    return REGISTRY[kind].title


def _yearly(p: Mapping[str, Any], branch_type: str) -> Frequency:
    """A count a year must reach; where the fact's own words say the year is the site's reading
    (上级党组织书记与支部书记谈心谈话: 本站默认按每年计), the plan says so too."""
    said = BY_PATH[p["fact"]].help
    return Frequency(YEARLY_FACTS[p["fact"]], "year", int(p["at_least"]), note=said if "本站默认" in said else "")


def _service(p: Mapping[str, Any], branch_type: str) -> Frequency:
    """Community service, by the name of the facts it is entered under (社区服务（本年度） → 社区服务)."""
    section = BY_PATH[next(iter(HALVES.values()))].section
    return Frequency(section.partition("（")[0], "half_year", 1, who="每名党员")


# The rule kinds that carry a frequency, each read from its params. A kind whose function fixes the
# count itself (once a year, once each half year, each member) says so in its `describe`, which the
# plan's JSON quotes with each source (`rule`).
FREQUENCIES: dict[str, Reader] = {
    "meeting_frequency": _meeting,
    "yearly_count": _yearly,
    "secretary_training": lambda p, t: Frequency(_title("secretary_training"), "year", int(p["at_least"])),
    "leaders_lectures": lambda p, t: Frequency(_title("leaders_lectures"), "year", 1, who="每名党员领导同志"),
    "community_service": _service,
    "member_coverage": lambda p, t: Frequency(
        COVERAGE_FACTS[p["fact"]], "month" if p["fact"] in EVERY_MONTH else "year", 1, who="每名党员"
    ),
    "small_branch_growth": lambda p, t: Frequency(
        _title("small_branch_growth"),
        "year",
        int(p["at_least"]),
        "人",
        who=f"党员不足 {p['below']} 名的支部",
        note=REGISTRY["small_branch_growth"].describe(p),  # the count is the site's reading: its words say so
    ),
}
# The kinds that do not: a plan of dates has nothing to place for them (a test holds every kind to one table).
UNPLANNED: dict[str, str] = {
    "min_full_members": "人数",
    "committee_structure": "组织设置",
    "party_groups": "组织设置",
    "term_due": "换届日期由上次换届推算，需要支部的基本情况",
    "vacancy_filled": "出缺后几个月内，没有固定周期",
    "development_recent": "几年一个周期，由上次发展党员的日期推算",
    "links_each_kind": "长期的联系帮带，不是一次次的活动",
    "speakers_each_session": "每次集中学习（主题党日）中的安排，随主题党日",
    "funding_minimum": "经费数额",
    "funding_per_households": "经费数额",
    "funding_share": "经费数额",
}


@dataclass(frozen=True)
class Source:
    """One rule of one item that asks for a requirement of the plan."""

    item: Item
    schemes: tuple[str, ...]  # the chosen standards that weigh the item
    rule: str  # the rule in its kind's words (RuleKind.describe)
    count: int


@dataclass(frozen=True)
class Requirement:
    """One thing to do so often; where several chosen standards ask the same, the most any asks."""

    frequency: Frequency
    sources: tuple[Source, ...]
    compare_only: bool  # only a 对照 standard asks it: shown, marked, never the branch's own

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(s.item.id for s in self.sources)

    @property
    def citations(self) -> str:
        """The clauses that require it: 威海 三（三）9、威海 三（二）5."""
        return "、".join(dict.fromkeys(c.label for s in self.sources for c in s.item.clauses))


@dataclass(frozen=True)
class Event:
    requirement: Requirement
    day: dt.date
    period: str  # the period it counts in: 2027年第1季度
    first: dt.date  # that period's first and last day
    last: dt.date
    number: int  # the n-th of the period's `count`


@dataclass(frozen=True)
class Plan:
    year: int
    branch_type: str
    schemes: tuple[str, ...]  # the standard, then the 对照 standards
    rubric_version: str
    requirements: tuple[Requirement, ...]
    events: tuple[Event, ...]  # by date, then in the requirements' order
    left_out: tuple[str, ...]  # items of the standards with a frequency that does not apply to the type

    @property
    def standard(self) -> str:
        return self.schemes[0]


def default_year(today: dt.date) -> int:
    """The year a plan is made for when none is given: next year in December, else this year."""
    return today.year + 1 if today.month == 12 else today.year


def plan_problems(
    rubric: Rubric, branch_type: str, year: object, standard: str | None = None, compare: Sequence[str] = ()
) -> list[Problem]:
    """What is wrong with a request for a plan, at the request's JSON path, in words a user reads."""
    out = []
    if branch_type not in BRANCH_TYPES:
        out.append(Problem("$.type", f"未知的支部类型“{branch_type}”；可用：{'、'.join(BRANCH_TYPES)}"))
    for path, s in [("$.standard", standard), *((f"$.compare[{i}]", c) for i, c in enumerate(compare))]:
        if s is not None and s not in rubric.schemes:
            out.append(Problem(path, f"未知的标准“{s}”；可用：{'、'.join(rubric.schemes)}"))
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        out.append(Problem("$.year", f"年份应在 {YEARS[0]} 至 {YEARS[-1]} 之间，收到“{year}”"))
    return out


def year_plan(
    rubric: Rubric, branch_type: str, year: int, standard: str | None = None, compare: Sequence[str] = ()
) -> Plan:
    """The plan of a branch type under a standard (and 对照 standards) for a calendar year.

    The standard defaults to the one template.suggested_standard names; InputError on a wrong request."""
    problems = plan_problems(rubric, branch_type, year, standard, compare)
    if problems:
        raise InputError(problems, what="年度计划的请求")
    first = standard or suggested_standard(rubric, branch_type)
    schemes = tuple(dict.fromkeys([first, *compare]))
    ctx = Context(branch_type, dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year, 1, 1), {})
    found: dict[tuple[str, str, str, str], list[tuple[Frequency, Source]]] = {}
    left_out: list[str] = []
    for item in rubric.items_for(schemes):
        for rule in item.rules:
            reader = FREQUENCIES.get(rule.kind)
            if reader is None:
                continue
            freq = reader(rule.params, branch_type) if item.applies(branch_type) and applies(rule.params, ctx) else None
            if freq is None or freq.count <= 0:
                left_out.append(item.id)
                continue
            weigh = tuple(s for s in schemes if item.id in rubric.schemes[s].item_ids)
            source = Source(item, weigh, REGISTRY[rule.kind].describe(rule.params), freq.count)
            found.setdefault((freq.what, freq.per, freq.unit, freq.who), []).append((freq, source))
    requirements = sorted(
        (_merge(pairs, first) for pairs in found.values()), key=lambda r: UNITS.index(r.frequency.per)
    )
    order = {id(r): n for n, r in enumerate(requirements)}
    events = sorted(
        (e for r in requirements for e in _events(r, year)), key=lambda e: (e.day, order[id(e.requirement)])
    )
    return Plan(
        year, branch_type, schemes, rubric.version, tuple(requirements), tuple(events), tuple(dict.fromkeys(left_out))
    )


def _merge(pairs: list[tuple[Frequency, Source]], standard: str) -> Requirement:
    """One requirement of several rules that ask the same thing as often: the largest count of them."""
    most = max(pairs, key=lambda pair: pair[0].count)[0]
    notes = "；".join(dict.fromkeys(f.note for f, _ in pairs if f.note))
    sources = tuple(s for _, s in pairs)
    freq = Frequency(most.what, most.per, most.count, most.unit, most.who, notes)
    return Requirement(freq, sources, not any(standard in s.schemes for s in sources))


def _slots(unit: str, count: int) -> list[tuple[int, int]]:
    """(month of the period counted from 0, day) for each of `count` events of a period (本站默认):
    one goes where PLACEMENT says; several take equal parts that are periods themselves (twice a year:
    each half year), or else the months in turn, several in one month every MONTH_DAYS ÷ n days."""
    months = UNIT_MONTHS[unit]
    if count == 1:
        month, day = PLACEMENT[unit]
        return [(month - 1, day)]
    part = _UNIT_OF_SIZE.get(months // count) if months % count == 0 else None
    if part is not None:
        return [(i * (months // count) + month, day) for i in range(count) for month, day in _slots(part, 1)]
    in_month = Counter(i * months // count for i in range(count))
    return [(m, day) for m, n in sorted(in_month.items()) for day in _days(n)]


def _days(n: int) -> list[int]:
    """Days for n events in one month: from the monthly day on, every MONTH_DAYS ÷ n days, within the 28th."""
    start = PLACEMENT["month"][1] - 1
    return sorted((start + j * MONTH_DAYS // n) % MONTH_DAYS + 1 for j in range(n))


def _events(r: Requirement, year: int) -> Iterator[Event]:
    size = UNIT_MONTHS[r.frequency.per]
    slots = _slots(r.frequency.per, r.frequency.count)
    for index in range(12 // size):
        first = dt.date(year, index * size + 1, 1)
        last = add_months(first, size) - dt.timedelta(days=1)
        label = period_label(year, r.frequency.per, index)
        for number, (month, day) in enumerate(slots, 1):
            yield Event(r, add_months(first, month).replace(day=day), label, first, last, number)


# ——— What the plan is made into: the defaults in words, text, JSON, iCalendar ———


def site_defaults() -> list[str]:
    """The site's placement in words (本站默认), made from PLACEMENT."""

    def months(unit: str) -> str:
        size, month = UNIT_MONTHS[unit], PLACEMENT[unit][0]
        return "、".join(str(m) for m in range(month, 13, size))

    return [
        "文件只规定每月、每季度、每半年、每年至少几次，没有规定在哪一天；计划中的日期都是本站默认，可按实际调整",
        f"每月的排在当月 {PLACEMENT['month'][1]} 日；每季度的排在 {months('quarter')} 月 {PLACEMENT['quarter'][1]} 日；"
        f"每半年的排在 {months('half_year')} 月 {PLACEMENT['half_year'][1]} 日；"
        f"每年的排在 {months('year')} 月 {PLACEMENT['year'][1]} 日：留出每个周期最后的时间补做",
        f"一个周期要几次的，平分到周期的几个部分（如每年 2 次，每半年各 1 次）；一个月要几次的，"
        f"从 {PLACEMENT['month'][1]} 日起每隔 {MONTH_DAYS} ÷ 次数 天",
    ]


def _names(rubric: Rubric, plan: Plan) -> tuple[str, str]:
    standard = rubric.schemes[plan.standard].name
    compare = "、".join(rubric.schemes[s].name for s in plan.schemes[1:])
    return standard, compare


def summary(e: Event) -> str:
    """An event's title: 〔对照〕主题党日（每月至少 2 天，第 1 天）."""
    f = e.requirement.frequency
    nth = f"，第 {e.number} {f.unit}" if f.count > 1 else ""
    return f"{'〔对照〕' if e.requirement.compare_only else ''}{f.what}（{f.words}{nth}）"


def description(e: Event, rubric: Rubric) -> str:
    """What an event's calendar entry says: what is asked of this branch type and by which standard, the
    clauses with their links, the period it counts in, and that the day is the site's."""
    r, f = e.requirement, e.requirement.frequency
    by = "、".join(dict.fromkeys(rubric.schemes[x].name for s in r.sources for x in s.schemes))
    lines = [f"要求：{f.what}，{f.words}（{by}；自查项 {'、'.join(r.items)}）"]
    lines.append("依据：" + "；".join(f"{c.label}（{clause_url(c)}）" for s in r.sources for c in s.item.clauses))
    if f.note:
        lines.append(f.note)
    lines.append(
        f"{e.period}内完成即可（{e.first.month}月{e.first.day}日—{e.last.month}月{e.last.day}日）；"
        "这一天是本站默认的安排，文件没有规定日期，可按实际调整。"
    )
    return "\n".join(lines)


def plan_text(plan: Plan, rubric: Rubric) -> str:
    """The plan to print on A4: the year's requirements with their clauses, then each month's events."""
    standard, compare = _names(rubric, plan)
    out = [f"{plan.year} 年度工作计划（{plan.branch_type}党支部）", f"考核标准：{standard}"]
    if compare:
        out.append(f"对照：{compare}（仅供参考，标〔对照〕）")
    out.append(f"按自查规则 {plan.rubric_version} 中有频次的要求生成，每条注明依据的条款。")
    out.extend(f"本站默认：{line}。" for line in site_defaults())
    if plan.left_out:
        items = "、".join(plan.left_out)
        out.append(f"另有 {len(plan.left_out)} 项按频次的要求不适用于{plan.branch_type}党支部，未列入：{items}。")
    if not plan.requirements:
        out += ["", "所选标准没有按频次规定的会议和活动，本计划为空。"]
        return "\n".join(out) + "\n"
    out += ["", f"一、全年要求（{len(plan.requirements)} 项，共 {len(plan.events)} 次安排）"]
    for n, r in enumerate(plan.requirements, 1):
        f = r.frequency
        times = sum(1 for e in plan.events if e.requirement is r)
        mark = "〔对照〕" if r.compare_only else ""
        out.append(f"{n:>2}. {mark}{f.what}：{f.words}，全年 {times} {f.unit}")
        out.append(f"    依据：{r.citations}（自查项 {'、'.join(r.items)}）")
        if f.note:
            out.append(f"    {f.note}")
    out += ["", "二、逐月安排（日期为本站默认）"]
    month = 0
    for e in plan.events:
        if e.day.month != month:
            month = e.day.month
            out.append(f"{month}月")
        out.append(f"  {e.day.month}月{e.day.day}日　{summary(e)}　{e.requirement.citations}")
    return "\n".join(out) + "\n"


def plan_dict(plan: Plan, rubric: Rubric) -> dict[str, Any]:
    order = {id(r): n for n, r in enumerate(plan.requirements)}
    return {
        "engine": {"name": "zhibu", "version": __version__},
        "rubric_version": plan.rubric_version,
        "year": plan.year,
        "branch_type": plan.branch_type,
        "standard": plan.standard,
        "compare": list(plan.schemes[1:]),
        "site_defaults": site_defaults(),
        "left_out": list(plan.left_out),
        "requirements": [
            {
                "what": r.frequency.what,
                "per": r.frequency.per,
                "count": r.frequency.count,
                "unit": r.frequency.unit,
                "who": r.frequency.who,
                "note": r.frequency.note,
                "compare_only": r.compare_only,
                "sources": [
                    {
                        "item": s.item.id,
                        "text": s.item.text,
                        "rule": s.rule,
                        "count": s.count,
                        "schemes": list(s.schemes),
                        "clauses": [{"id": c.id, "label": c.label, "url": clause_url(c)} for c in s.item.clauses],
                    }
                    for s in r.sources
                ],
            }
            for r in plan.requirements
        ],
        "events": [
            {
                "date": e.day.isoformat(),
                "requirement": order[id(e.requirement)],
                "summary": summary(e),
                "period": e.period,
                "number": e.number,
                "site_default": True,  # every date: the documents give none
            }
            for e in plan.events
        ],
    }


def plan_json(plan: Plan, rubric: Rubric) -> str:
    return json.dumps(plan_dict(plan, rubric), ensure_ascii=False, indent=2) + "\n"


def uid(e: Event, plan: Plan) -> str:
    """Stable across runs and versions: the period, the event's place in it, the items (IDs never change
    meaning), and what is done for which branch type — so a plan imported again replaces its events
    rather than doubling them. ASCII: the type and the name go in as a hash."""
    r = e.requirement
    what = hashlib.sha256(f"{plan.branch_type}|{r.frequency.what}".encode()).hexdigest()[:8]
    return f"{e.first:%Y%m}-{r.frequency.per}-{e.number}-{'+'.join(r.items)}-{what}@zhibu-plan"


def plan_ics(plan: Plan, rubric: Rubric) -> str:
    """The plan as an iCalendar file of all-day events; DTSTAMP is the first moment of the plan's year
    (not the clock: the same plan is the same bytes)."""
    standard, _ = _names(rubric, plan)
    events = [AllDay(uid(e, plan), e.day, summary(e), description(e, rubric)) for e in plan.events]
    return calendar(
        events,
        prodid=f"-//zhibu//plan {__version__}//ZH",
        stamp=dt.datetime(plan.year, 1, 1, tzinfo=dt.UTC),
        name=f"{plan.year} 年度工作计划（{plan.branch_type}·{standard}）",
    )


FORMATS: dict[str, Callable[[Plan, Rubric], str]] = {"text": plan_text, "json": plan_json, "ics": plan_ics}
