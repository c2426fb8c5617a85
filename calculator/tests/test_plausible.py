"""Facts that cannot be true together are refused, naming the field; what will not count is said."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from _cases import load_json

from zhibu import InputError, load_answers
from zhibu.report import to_dict
from zhibu.rubric import default_rubric
from zhibu.scoring import score

RUBRIC = default_rubric()
SAMPLE = load_json("sample-branch.json")  # 18 full and 2 probationary members, checked 2026-11-27


def problems(change: dict[str, Any]) -> list[str]:
    data = copy.deepcopy(SAMPLE)
    for path, value in change.items():
        node = data
        *head, last = path.split(".")
        for key in head:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    with pytest.raises(InputError) as err:
        load_answers(data, RUBRIC)
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"facts.talks.members_talked": 25},
            "$.facts.talks.members_talked: “支部书记谈心谈话覆盖的党员人数”为 25，多于党员总数（正式 18 人、预备 2 人）",
        ),
        (
            {"facts.lectures.members_lectured": 21},
            "$.facts.lectures.members_lectured: “讲过党课的党员人数”为 21，多于党员总数（正式 18 人、预备 2 人）",
        ),
        (
            {"facts.service.second_half": 21},
            "$.facts.service.second_half: “下半年参加过社区服务的党员人数”为 21，多于党员总数（正式 18 人、预备 2 人）",
        ),
        (
            {"facts.lectures.leaders_lectured": 3},
            "$.facts.lectures.leaders_lectured: “其中为本支部党员讲过党课的人数”为 3，多于党员领导同志人数 2",
        ),
        (
            {"facts.committee.size": 30},
            "$.facts.committee.size: “支部委员会委员人数”为 30，多于党员总数（正式 18 人、预备 2 人）",
        ),
        (
            {"facts.committee.has_committee": False},
            "$.facts.committee.size: 填写了“未设立支部委员会”，委员人数却为 5：请改正其中一项",
        ),
        (
            {"facts.members.full": 0, "facts.members.probationary": 0},
            "$.facts.members.full: 党员人数为 0：请填写本支部实际的正式党员人数",
        ),
        (
            {"facts.election.last": "2026-12-01"},
            "$.facts.election.last: 上次换届选举日期 2026-12-01 晚于自查日期 2026-11-27",
        ),
        (
            {"facts.vacancies.0.since": "2026-12-01"},
            "$.facts.vacancies[0].since: 出缺日期 2026-12-01 晚于自查日期 2026-11-27",
        ),
        (
            {"facts.vacancies.0.filled": "2026-11-30"},
            "$.facts.vacancies[0].filled: 补齐日期 2026-11-30 晚于自查日期 2026-11-27",
        ),
        ({"facts.vacancies.0.filled": "2026-01-01"}, "$.facts.vacancies[0].filled: 补齐日期早于出缺日期"),
        (
            {"facts.groups.0.full": 99, "facts.groups.0.members": 5},
            "$.facts.groups[0].full: 正式党员人数不能多于党小组党员人数",
        ),
        ({"check_date": "2025-12-31"}, "$.check_date: 自查日期 2025-12-31 早于自查期开始日期 2026-01-01"),
    ],
)
def test_impossible_facts_are_refused_naming_the_field(change: dict[str, Any], expected: str) -> None:
    assert expected in problems(change)


def test_party_groups_cannot_hold_more_members_than_the_branch() -> None:
    found = problems({"facts.groups": [{"members": 15, "full": 10}, {"members": 15, "full": 10}]})
    assert found == ["$.facts.groups: 各党小组党员人数合计 30 人，多于党员总数（正式 18 人、预备 2 人）"]


def test_meetings_that_will_not_count_score_with_a_warning() -> None:
    data = copy.deepcopy(SAMPLE)
    data["facts"]["meetings"]["党员大会"]["2025-12"] = 1  # before the period
    data["facts"]["meetings"]["支委会"]["2026-12"] = 1  # after the check date's month
    result = to_dict(score(RUBRIC, load_answers(data, RUBRIC)))
    assert result["warnings"] == [
        {"path": "$.facts.meetings.党员大会", "message": "2025-12 不在自查期内，这些会议不计入"},
        {"path": "$.facts.meetings.支委会", "message": "2026-12 晚于自查日期所在的月份，这些会议不计入"},
    ]
    plain = to_dict(score(RUBRIC, load_answers(SAMPLE, RUBRIC)))
    assert plain["warnings"] == [] and [s["score"] for s in result["schemes"]] == [s["score"] for s in plain["schemes"]]
    assert json.dumps(result["warnings"], ensure_ascii=False)  # plain data, written into the result
