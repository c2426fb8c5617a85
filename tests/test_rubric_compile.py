"""zhibu_build.rubric: declarations in pages → rubric.json, with file:line errors."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import zhibu_build.rubric as cr
from zhibu.rules import REGISTRY
from zhibu.rules.base import reads
from zhibu_build.rubric import compile as compile_module

DOC = """---
short: 威海
title: 威海
---

# 威海

## 三、标准要求 { #weihai-3 }

### （三）制度健全 { #weihai-3-3 }

#### 9. 三会一课。 { #weihai-3-3-9 }

每季度召开一次支部党员大会。

```zhibu-scheme
id: weihai
name: 威海 过硬支部
branch_types: [机关]
audience: 测试用的标准，面向机关党支部。
verdict: {kind: all_items, min_item_credit: 1, pass: 达到过硬标准, fail: 未达到过硬标准}
groups:
  - {id: g3, name: 制度健全, clause: weihai-3-3, items: [zzsh.01]}
```
"""
TOPIC = """---
title: 组织生活
---

# 组织生活

```zhibu-item
id: zzsh.01
text: 每季度召开一次支部党员大会
clauses: [weihai-3-3-9]
rules:
  - kind: meeting_frequency
    meeting: 党员大会
    per: quarter
    at_least: 1
measure: 按季度召开。
records:
  weihai-3-3-9: [支部党员大会]
  本站建议: [签到表]
```
"""
SUZHOU = "---\nshort: 苏州\ntitle: 苏州\n---\n\n# 苏州\n\n## 二、目标任务 { #suzhou-2 }\n\n各党支部制定建设计划。\n"
META = "# 规则\n\n```zhibu-rubric\nversion: 1.0.0\nretired: [zzsh.99]\n```\n"


def site(tmp_path: Path, topic: str = TOPIC, extra: dict[str, str] | None = None) -> Path:
    docs = tmp_path / "docs"
    for rel, text in {
        "documents/weihai.md": DOC,
        "topics/zuzhi-shenghuo.md": topic,
        "self-check/rubric.md": META,
        **(extra or {}),
    }.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - documents/weihai.md\n  - topics/zuzhi-shenghuo.md\n", "utf-8")
    return docs


def errors(docs: Path, ids: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(cr.CompileError) as err:
        cr.compile_rubric(docs, ids)
    return err.value.errors


def test_compiles_items_schemes_and_labels(tmp_path: Path) -> None:
    rubric = cr.compile_rubric(site(tmp_path))
    (item,) = rubric["items"]
    assert item["clauses"] == [
        {"id": "weihai-3-3-9", "doc": "weihai", "label": "威海 三（三）9", "page": "documents/weihai.md"}
    ]
    assert item["topic"] == "组织生活" and item["rules"][0]["params"]["per"] == "quarter"
    assert [s["id"] for s in rubric["schemes"]] == ["weihai"] and rubric["retired"] == ["zzsh.99"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    per: quarter",
            "    per: week",
            "docs/topics/zuzhi-shenghuo.md:14: 自查项 zzsh.01 的规则 rules[0].per: 周期应为",
        ),
        (
            "  - kind: meeting_frequency",
            "  - kind: coffee",
            "docs/topics/zuzhi-shenghuo.md:12: 自查项 zzsh.01 的规则 rules[0].kind: 未知的规则类型“coffee”",
        ),
        (
            "clauses: [weihai-3-3-9]",
            "clauses: [weihai-9-9-9]",
            "docs/topics/zuzhi-shenghuo.md:10: 条款锚点“weihai-9-9-9”在文件页面中不存在",
        ),
        ("id: zzsh.01", "id: ZZSH-1", "docs/topics/zuzhi-shenghuo.md:8: 自查项编号应形如 zzsh.01"),
        (
            "measure: 按季度召开。",
            "measure: 按季度召开。\ncolour: red",
            "docs/topics/zuzhi-shenghuo.md:17: 未知的字段“colour”",
        ),
        (
            "text: 每季度召开一次支部党员大会",
            "text: [unclosed",
            "docs/topics/zuzhi-shenghuo.md:10: 声明不是有效的 YAML",
        ),
        ("id: zzsh.01", "id: zzsh.99", "docs/topics/zuzhi-shenghuo.md:8: 编号 zzsh.99 已停用，不能再用"),
        (  # an item whose wording limits it to some branches must say so as data
            "text: 每季度召开一次支部党员大会",
            "text: （村党支部）每季度召开一次支部党员大会",
            "docs/topics/zuzhi-shenghuo.md:9: 自查项 zzsh.01 的文字写明了适用的支部类型，应声明 applies_to",
        ),
        (
            "measure: 按季度召开。",
            "measure: 按季度召开。\napplies_to: [村]\nscope: weihai-3-3-9",
            "docs/topics/zuzhi-shenghuo.md:17: applies_to 应列出支部类型：机关、",
        ),
        (
            "measure: 按季度召开。",
            "measure: 按季度召开。\napplies_to: [农村]",
            "docs/topics/zuzhi-shenghuo.md:7: 自查项 zzsh.01 应以 scope 给出规定适用范围的条款锚点",
        ),
        (  # records: words a document names are quoted from the clause, as printed
            "weihai-3-3-9: [支部党员大会]",
            "weihai-3-3-9: [党员名册]",
            "docs/topics/zuzhi-shenghuo.md:18: “党员名册”不见于威海 三（三）9的原文；引用的材料须照录原文用语，"
            "原文没有写明的写在“本站建议”下",
        ),
        (
            "weihai-3-3-9: [支部党员大会]",
            "weihai-9-9-9: [支部党员大会]",
            "docs/topics/zuzhi-shenghuo.md:18: 条款锚点“weihai-9-9-9”在文件页面中不存在（原文没有写明的材料写在“本站建议”下）",
        ),
        (
            "weihai-3-3-9: [支部党员大会]",
            "suzhou-2: [建设计划]",
            "docs/topics/zuzhi-shenghuo.md:18: 自查项 zzsh.01 的备查材料引用了苏州 二，只能引用本项所依据的文件；"
            "这份文件没有写明的材料写在“本站建议”下",
        ),
        (
            "本站建议: [签到表]",
            "本站建议: [签到表, 签到表]",
            "docs/topics/zuzhi-shenghuo.md:19: 自查项 zzsh.01 的备查材料“签到表”重复",
        ),
        (
            "本站建议: [签到表]",
            "本站建议: []",
            "docs/topics/zuzhi-shenghuo.md:19: 本站建议 下应列出材料名称，如 [党员名册]",
        ),
        (
            "records:\n  weihai-3-3-9: [支部党员大会]\n  本站建议: [签到表]",
            "records: [签到表]",
            "docs/topics/zuzhi-shenghuo.md:17: records 应为键值对：条款锚点或“本站建议”: [材料名称, …]",
        ),
        (  # every item names at least one record
            "records:\n  weihai-3-3-9: [支部党员大会]\n  本站建议: [签到表]\n",
            "",
            "docs/topics/zuzhi-shenghuo.md:7: 自查项 zzsh.01 应列出至少一项备查材料（records）",
        ),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in TOPIC
    found = errors(site(tmp_path, TOPIC.replace(old, new), {"documents/suzhou.md": SUZHOU}))
    assert any(e.startswith(expected) for e in found), found


def test_records_are_quoted_with_their_clause_or_marked_suggested(tmp_path: Path) -> None:
    (item,) = cr.compile_rubric(site(tmp_path))["items"]
    assert item["records"] == [
        {
            "text": "支部党员大会",
            "clause": {"id": "weihai-3-3-9", "doc": "weihai", "label": "威海 三（三）9", "page": "documents/weihai.md"},
        },
        {"text": "签到表", "suggested": True},
    ]


def test_applicability_is_declared_with_its_clause_or_taken_from_the_rules(tmp_path: Path) -> None:
    scoped = TOPIC.replace(
        "measure: 按季度召开。", "applies_to: [社会组织, 农村]\nscope: weihai-3-3-9\nmeasure: 按季度召开。"
    )
    (item,) = cr.compile_rubric(site(tmp_path / "a", scoped))["items"]
    assert item["applies_to"] == ["农村", "社会组织"] and item["scope"]["label"] == "威海 三（三）9"
    limited = TOPIC.replace("    at_least: 1", "    at_least: 1\n    applies_to: [城市社区]")
    (item,) = cr.compile_rubric(site(tmp_path / "b", limited))["items"]
    assert item["applies_to"] == ["城市社区"] and "scope" not in item  # every rule is for 城市社区 only
    (item,) = cr.compile_rubric(site(tmp_path / "c"))["items"]
    assert "applies_to" not in item  # every branch type


def test_a_rule_reading_an_undeclared_fact_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind = replace(REGISTRY["meeting_frequency"], name="secretary_talks", reads=reads("talks.with_secretary"))
    monkeypatch.setitem(REGISTRY, "secretary_talks", kind)
    found = errors(site(tmp_path, TOPIC.replace("kind: meeting_frequency", "kind: secretary_talks")))
    assert found == [
        "docs/topics/zuzhi-shenghuo.md:12: 自查项 zzsh.01 的规则 rules[0]: "
        "规则读取的事实“talks.with_secretary”没有在 zhibu/facts.py 中声明"
    ]


def test_duplicate_id_names_both_places(tmp_path: Path) -> None:
    body = TOPIC + "\n" + TOPIC.split("# 组织生活\n", 1)[1]
    found = errors(site(tmp_path, body))
    assert any(
        re.match(
            r"docs/topics/zuzhi-shenghuo.md:\d+: 自查项编号 zzsh.01 重复（已在 docs/topics/zuzhi-shenghuo.md:8 声明）",
            e,
        )
        for e in found
    )


def test_an_id_cannot_change_meaning(tmp_path: Path) -> None:
    docs = site(tmp_path)
    ids = cr.id_registry(cr.compile_rubric(docs), {})
    cr.compile_rubric(site(tmp_path, TOPIC.replace("measure: 按季度召开。", "measure: 每季度召开。")), ids)  # wording
    records = TOPIC.replace("本站建议: [签到表]", "本站建议: [会议通知, 签到表]")
    cr.compile_rubric(site(tmp_path, records), ids)  # records are shown, not scored: no part of the meaning
    found = errors(site(tmp_path, TOPIC.replace("at_least: 1", "at_least: 2")), ids)
    assert found == [
        "docs/topics/zuzhi-shenghuo.md:8: 自查项 zzsh.01 的规则或依据条款变了；编号一经发布不改变含义，"
        "请改用新编号，并把旧编号列入 zhibu-rubric 的 retired"
    ]


def test_a_sixth_scheme_is_a_page_and_no_python(tmp_path: Path) -> None:
    local = """# 本地标准\n\n```zhibu-scheme
id: local
name: 某区 示范支部
branch_types: [机关, 农村]
audience: 本地标准。
scale: 10
verdict: {kind: threshold, min: 9, pass: 示范, fail: 未达示范}
site_defaults: [满分 10 分]
groups:
  - {id: g1, name: 组织生活, items: [zzsh.01]}
```\n"""
    rubric = cr.compile_rubric(site(tmp_path, extra={"local/standard.md": local}))
    assert [s["id"] for s in rubric["schemes"]] == ["weihai", "local"]
    assert rubric["schemes"][1]["scale"] == 10


def test_shipped_rubric_matches_the_pages_and_verify_counts() -> None:
    assert cr.stale_reason() is None
    report = cr.verify()
    assert report.startswith("rubric 1.4.0: ")
    assert (
        "scheme weihai (威海 过硬支部): 5 groups" in report
        and f"rule kinds used: {len(REGISTRY)} of {len(REGISTRY)}" in report
        and re.search(r"records: \d+ quoted from the documents, \d+ suggested by the site", report)
    )


def test_stale_rubric_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "rubric.json"
    shipped.write_text(
        cr.RUBRIC_FILE.read_text(encoding="utf-8").replace("每季度召开一次支部党员大会", "改过的"), "utf-8"
    )
    monkeypatch.setattr(compile_module, "RUBRIC_FILE", shipped)
    assert cr.stale_reason() == "calculator/zhibu/data/rubric.json 与页面中的声明不一致"


def test_cards_render_on_the_pages(site_dir: Path) -> None:
    topic = (site_dir / "topics" / "zuzhi-shenghuo.html").read_text(encoding="utf-8")
    card = topic[topic.index('id="zb-zzsh-01"') :][:1500]
    assert "自查项 zzsh.01" in card and "按填写的基本情况计算：党员大会每季度至少 1 次" in card
    assert 'href="../documents/weihai.html#weihai-3-3-9"' in card
    doc = (site_dir / "documents" / "suzhou.html").read_text(encoding="utf-8")
    scheme = doc[doc.index('id="scheme-suzhou"') :][:3000]
    assert "得分 95 分及以上为“达标”，否则为“不达标”" in scheme and "本站默认" in scheme


def test_the_applicability_table_counts_what_the_engine_asks() -> None:
    import json

    from zhibu.model import BRANCH_TYPES
    from zhibu.rubric import default_rubric, rubric_json
    from zhibu_build.rubric.cards import applicability_table

    data = json.loads(rubric_json())
    table = applicability_table(data["schemes"], {i["id"]: i for i in data["items"]}).split("\n")
    rubric = default_rubric()
    for branch_type, row in zip(BRANCH_TYPES, table[2:], strict=True):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[0] == branch_type
        for scheme, cell in zip(rubric.schemes, cells[1:], strict=True):
            asked = rubric.items_for((scheme,), branch_type)
            computed = sum(1 for i in asked if i.rules)
            assert cell == f"{len(asked)}（自评 {len(asked) - computed}，计算 {computed}）"
    assert "| 机关 | 20（自评 20，计算 0） | 12（自评 12，计算 0） |" in table[2]  # 合肥 附件2 left out
