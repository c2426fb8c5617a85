"""The rubric compiled from the pages, as shipped: the five schemes score a real branch."""

from __future__ import annotations

import json

from _cases import CASES

from zhibu import default_rubric, read_answers, score, to_dict
from zhibu.schema import compile_schema, result_schema

RUBRIC = default_rubric()
SAMPLE = (CASES / "sample-branch.json").read_text(encoding="utf-8")


def test_five_schemes_with_their_verdict_kinds() -> None:
    kinds = {s.id: s.verdict["kind"] for s in RUBRIC.schemes.values()}
    assert kinds == {
        "weihai": "all_items",
        "shhg": "all_groups",
        "suzhou": "threshold",
        "hefei": "grades",
        "shandong": "grades",
    }
    assert RUBRIC.schemes["suzhou"].verdict["min"] == 95  # 苏州 三4: 以95分以上为标准
    assert [g.name for g in RUBRIC.schemes["weihai"].groups] == [
        "组织健全、设置合理",
        "班子齐备、坚强有力",
        "制度健全、运行规范",
        "保障到位、措施有力",
        "作用突出、形象彰显",
    ]
    assert len(RUBRIC.schemes["shhg"].groups) == 7 and len(RUBRIC.schemes["suzhou"].groups) == 6
    assert len(RUBRIC.schemes["hefei"].groups) == 5 and len(RUBRIC.schemes["shandong"].groups) == 6


def test_every_weihai_standard_has_an_item() -> None:
    cited = {
        c.id
        for s in ("weihai",)
        for g in RUBRIC.schemes[s].groups
        for e in g.entries
        for c in RUBRIC.items[e.item].clauses
    }
    numbers = {int(c.rsplit("-", 1)[1]) for c in cited if c.count("-") == 3}
    assert numbers == set(range(1, 30))


def test_every_scheme_scores_the_sample_and_the_result_matches_its_schema() -> None:
    data = json.loads(SAMPLE)
    data["standard"], *data["compare"] = list(RUBRIC.schemes)
    result = to_dict(score(RUBRIC, read_answers(json.dumps(data, ensure_ascii=False), RUBRIC)))
    assert compile_schema(result_schema()).problems(result) == []
    labels = {s["id"]: s["verdict"]["label"] for s in result["schemes"]}
    assert labels["weihai"] in ("达到过硬标准", "未达到过硬标准")
    assert labels["suzhou"] in ("达标", "不达标")
    assert labels["shhg"] in ("合格", "不合格")
    assert labels["hefei"] in ("A", "B", "C", "D")
    assert labels["shandong"] in ("先进", "中间", "后进")
    for s in result["schemes"]:
        assert 0 <= s["score"] <= 100
        # The points each item cost add up to what the score lacks (the panel lists them).
        lost = sum(i["lost"] for g in s["groups"] for i in g["items"])
        assert abs(s["scale"] - s["score"] - lost) < 0.05
        # Each group's points (its share of the scale) less what it lost is what it scored (the chart).
        counted = [g for g in s["groups"] if g["ratio"] is not None]
        assert abs(sum(g["points"] for g in counted) - s["scale"]) < 0.05
        for g in s["groups"]:
            assert abs(g["lost"] - sum(i["lost"] for i in g["items"])) < 0.05
            if g["ratio"] is not None:
                # (the ratio is given to two decimals: up to 0.005 of the group's points apart)
                assert abs(g["points"] - g["lost"] - g["points"] * g["ratio"]) <= 0.005 * g["points"] + 0.01
    assert [s["role"] for s in result["schemes"]] == ["standard"] + ["compare"] * 4


def test_rule_items_are_computed_from_the_facts() -> None:
    result = to_dict(score(RUBRIC, read_answers(SAMPLE, RUBRIC)))
    findings = {f["item"]: f for f in result["findings"]}
    # 第二党小组 skipped August: 威海 三（三）9 每月召开一至两次党小组会.
    assert findings["zzsh.02"]["message"] == "应每月至少 1 次党小组会，未达到的有：2026年8月（0 次）"
    assert findings["zzsh.02"]["clauses"][0]["url"] == "documents/weihai.html#weihai-3-3-9"
    # 组织委员 vacancy from 2026-03-10 filled 2026-07-02: beyond 3 months.
    assert "组织委员（2026-03-10 出缺，2026-07-02 才补齐）" in findings["bzjs.12"]["message"]
    # A 机关 branch: the funding standards are written for villages, communities and 两新 only,
    # so the item is left out (neither asked nor counted), not 不适用 five times over.
    weihai = next(s for s in result["schemes"] if s["id"] == "weihai")
    statuses = {i["item"]: i["status"] for g in weihai["groups"] for i in g["items"]}
    assert "jfbz.15" not in statuses and weihai["left_out"] == ["jfbz.15", "jfbz.07"]
    assert statuses["zzsh.01"] == "pass" and statuses["zzsh.32"] == "pass"
    assert "jfbz.15" not in {o["item"] for o in result["outcomes"]}


def test_one_clock_mid_year_what_is_still_due_is_pending_not_failed() -> None:
    data = json.loads(SAMPLE)
    data["check_date"] = "2026-06-15"
    data["facts"]["talks"]["members_talked"] = 5
    data["facts"]["vacancies"] = []  # the sample's was filled in July: after this check date
    result = to_dict(score(RUBRIC, read_answers(json.dumps(data, ensure_ascii=False), RUBRIC)))
    weihai = result["schemes"][0]
    outcomes = {o["item"]: o for o in result["outcomes"]}
    talks = outcomes["zzsh.09"]
    assert talks["status"] == "pending" and talks["message"].endswith("截止 12月31日")
    assert "zzsh.09" not in {f["item"] for f in result["findings"]}  # not a problem yet
    entry = next(i for g in weihai["groups"] for i in g["items"] if i["item"] == "zzsh.09")
    assert entry["credit"] is None and entry["lost"] == 0  # left out of the score, as 不适用 is
    assert weihai["pending"] >= 1 and weihai["verdict"]["provisional"] is True
    # The meetings logged for July onwards have not happened by 15 June: scored without them, and said.
    assert any("晚于自查日期所在的月份" in w["message"] for w in result["warnings"])
    # At the year's end the same facts are judged.
    data["check_date"] = "2026-12-31"
    result = to_dict(score(RUBRIC, read_answers(json.dumps(data, ensure_ascii=False), RUBRIC)))
    assert {o["item"]: o["status"] for o in result["outcomes"]}["zzsh.09"] == "fail"


def test_what_only_hefei_annex_2_asks_is_asked_of_non_public_firms_and_social_organisations_only() -> None:
    # 合肥 notice: 附件2 is the 重点任务 of 非公企业和社会组织 branches (附件1, for 机关, is not in the text).
    annex = [i for i in RUBRIC.items.values() if all(c.id.startswith("hefei-a2") for c in i.clauses)]
    assert len(annex) == 25
    assert all(i.applies_to == {"非公企业", "社会组织"} and i.scope and i.scope.id == "hefei-a2" for i in annex)
    assert len(RUBRIC.items_for(("hefei",), "机关")) == 12 and len(RUBRIC.items_for(("hefei",), "非公企业")) == 37


def test_every_item_carries_its_records_quoted_or_suggested() -> None:
    # 备查材料: shown to the reader, never scored; a record with a clause is the document's words.
    assert all(item.records for item in RUBRIC.items.values())
    records = RUBRIC.items["zzsh.01"].records  # 党员大会
    assert [(r.text, r.clause.label if r.clause else None) for r in records] == [
        ("年度“三会一课”计划", "威海 三（三）9"),
        ("党支部会议记录簿", "威海 三（四）22"),
        ("签到表", None),
    ]
    assert records[-1].suggested and not records[0].suggested
