"""Facts that cannot be true together, and facts that will not count: checked after the schema.

Errors (`impossible`) stop the scoring, as a wrong type does: a count larger than the people it
counts, a committee's size without a committee, a date after the check date. Scoring them would
print a result no one could sign ("谈心谈话覆盖全部 20 名党员" from 25 talks).

Warnings (`doubtful`) let the file score and say what was left out: meetings logged outside the
self-check period or after the check date are not counted, and the secretary should know.

Both name the field by its JSON path, in Chinese, as every other problem does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .errors import Problem
from .facts import LABELS


def _count(facts: Mapping[str, Any], path: str) -> int | None:
    node: Any = facts
    for key in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node if isinstance(node, int) and not isinstance(node, bool) else None


# Counts of members that cannot exceed the members there are.
_PEOPLE_COUNTS = (
    "talks.members_talked",
    "lectures.members_lectured",
    "lectures.leaders",
    "service.first_half",
    "service.second_half",
    "reports.members_monthly",
)


def impossible(data: Mapping[str, Any]) -> list[Problem]:
    """Facts that contradict each other or the dates of the self-check (the file is refused)."""
    return list(_impossible(data))


def _impossible(data: Mapping[str, Any]) -> Iterator[Problem]:
    facts: Mapping[str, Any] = data.get("facts") or {}
    check = data["check_date"]
    if check < data["period"]["start"]:
        yield Problem("$.check_date", f"自查日期 {check} 早于自查期开始日期 {data['period']['start']}")
    full, probationary = _count(facts, "members.full"), _count(facts, "members.probationary")
    total = None if full is None else full + (probationary or 0)
    if total == 0:
        yield Problem("$.facts.members.full", "党员人数为 0：请填写本支部实际的正式党员人数")
    if total:
        whole = f"党员总数（正式 {full} 人" + (f"、预备 {probationary} 人）" if probationary else "）")
        for path in (*_PEOPLE_COUNTS, "committee.size"):
            value = _count(facts, path)
            if value is not None and value > total:
                yield Problem(f"$.facts.{path}", f"“{LABELS[path]}”为 {value}，多于{whole}")
        groups = facts.get("groups") or []
        in_groups = sum(g["members"] for g in groups)
        if in_groups > total:
            yield Problem("$.facts.groups", f"各党小组党员人数合计 {in_groups} 人，多于{whole}")
    leaders, lectured = _count(facts, "lectures.leaders"), _count(facts, "lectures.leaders_lectured")
    if leaders is not None and lectured is not None and lectured > leaders:
        yield Problem(
            "$.facts.lectures.leaders_lectured",
            f"“{LABELS['lectures.leaders_lectured']}”为 {lectured}，多于党员领导同志人数 {leaders}",
        )
    committee = facts.get("committee") or {}
    if committee.get("has_committee") is False and committee.get("size"):
        yield Problem(
            "$.facts.committee.size", f"填写了“未设立支部委员会”，委员人数却为 {committee['size']}：请改正其中一项"
        )
    for i, group in enumerate(facts.get("groups") or []):
        if group["full"] > group["members"]:
            yield Problem(f"$.facts.groups[{i}].full", "正式党员人数不能多于党小组党员人数")
    developed = (facts.get("development") or {}).get("last")
    if developed and developed > check:
        yield Problem("$.facts.development.last", f"上次发展党员日期 {developed} 晚于自查日期 {check}")
    election = (facts.get("election") or {}).get("last")
    if election and election > check:
        yield Problem("$.facts.election.last", f"上次换届选举日期 {election} 晚于自查日期 {check}")
    for i, vacancy in enumerate(facts.get("vacancies") or []):
        since, filled = vacancy["since"], vacancy.get("filled")
        if since > check:
            yield Problem(f"$.facts.vacancies[{i}].since", f"出缺日期 {since} 晚于自查日期 {check}")
        if filled and filled < since:
            yield Problem(f"$.facts.vacancies[{i}].filled", "补齐日期早于出缺日期")
        elif filled and filled > check:
            yield Problem(f"$.facts.vacancies[{i}].filled", f"补齐日期 {filled} 晚于自查日期 {check}")


def doubtful(data: Mapping[str, Any]) -> list[Problem]:
    """What scores but is not counted: meetings outside the period or after the check date."""
    start, end = data["period"]["start"][:7], data["period"]["end"][:7]
    checked = data["check_date"][:7]
    out = []
    for meeting, months in ((data.get("facts") or {}).get("meetings") or {}).items():
        held = {m: n for m, n in (months or {}).items() if n}
        outside = sorted(m for m in held if not start <= m <= end)
        later = sorted(m for m in held if start <= m <= end and m > checked)
        where = f"$.facts.meetings.{meeting}"
        if outside:
            out.append(Problem(where, f"{'、'.join(outside)} 不在自查期内，这些会议不计入"))
        if later:
            out.append(Problem(where, f"{'、'.join(later)} 晚于自查日期所在的月份，这些会议不计入"))
    return out
