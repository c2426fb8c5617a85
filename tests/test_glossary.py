"""The glossary is parsed strictly and becomes tooltips inside Chinese text."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from tests.support.paths import ROOT
from zhibu_build import glossary

GOOD = """---
title: 术语
---

# 术语

## 三会一课 { #sanhui-yike }

**一般解释**：支部党员大会、支委会、党小组会和党课。

More text.

## 五有 { #wuyou }

**文件用法**：威海要求“有党旗、有刊板、有办公设施、有电教设备、有学习资料”。
"""


def test_parse_reads_terms_tooltips_and_lines() -> None:
    terms = glossary.parse_glossary(GOOD)
    assert [(t.term, t.line) for t in terms] == [("三会一课", 7), ("五有", 13)]
    assert terms[0].tooltip == "一般解释：支部党员大会、支委会、党小组会和党课。"
    assert terms[1].tooltip.startswith("文件用法：威海要求")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# 术语\n\n## 党费\n\n党费是……\n", "docs/glossary.md:3: 术语“党费”的释义应以“文件用法：”或“一般解释：”开头"),
        ("# 术语\n\n## 党费\n\n## 党小组\n", "docs/glossary.md:3: 术语“党费”后面缺少释义段落"),
        (
            "# 术语\n\n## 党费\n\n**一般解释**：甲。\n\n## 党费\n\n**一般解释**：乙。\n",
            "docs/glossary.md:7: 术语“党费”与第 3 行重复",
        ),
        ("# 术语\n\n## 党费\n\n**一般解释**：" + "长" * 130 + "\n", "超过 120 字"),
        ("# 术语\n\n没有术语。\n", "没有找到任何术语"),
    ],
)
def test_parse_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        glossary.parse_glossary(text)


def test_jieba_dictionary_keeps_longest_first_and_rejects_spaces() -> None:
    assert glossary.jieba_userdict(["党费", "三会一课", "党费"]) == "三会一课 100000 n\n党费 100000 n\n"
    with pytest.raises(ValueError, match="含有空白"):
        glossary.jieba_userdict(["三会 一课"])


def test_every_term_of_the_site_glossary_is_a_tooltip(site_dir: Path) -> None:
    terms = glossary.parse_glossary((ROOT / "docs" / "glossary.md").read_text(encoding="utf-8"))
    assert len(terms) >= 50
    snippet = (ROOT / "build" / "generated" / "abbreviations.md").read_text(encoding="utf-8")
    assert snippet == glossary.abbreviations_snippet(terms)


def test_tooltips_appear_inside_runs_of_chinese(site_dir: Path) -> None:
    html = (site_dir / "documents" / "weihai.html").read_text(encoding="utf-8")
    # 威海 五（三）: “大力整顿软弱涣散支部” — the term sits between Chinese characters.
    assert re.search(r"整顿<abbr title=\"[^\"]+\">软弱涣散</abbr>支部", html)


def test_cjk_abbr_matches_between_chinese_but_not_inside_latin_words() -> None:
    md = markdown.Markdown(extensions=["abbr", glossary.CjkAbbrExtension()])
    html = md.convert("*[三会一课]: 解释甲\n*[PD]: 解释乙\n\n开展三会一课活动，PDF 不算，PD 算。")
    assert '开展<abbr title="解释甲">三会一课</abbr>活动' in html
    assert "PDF" in html and html.count('<abbr title="解释乙">PD</abbr>') == 1
