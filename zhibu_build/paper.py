"""纸质自查表: the self-check on paper, a page per standard and branch type, made from the rubric.

Plain Markdown tables, no script: it reads and prints in any browser (IE11 and 360's IE mode
included) and serves in a meeting. Each page asks what the self-check page asks of that branch:
the items the standard holds for the type (the rubric's applies_to), the facts they read with
the two core member counts (form.json's `reads`), the meeting rows they count, boxes for the
four answers, and blank lines for the problems and their rectification.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zhibu.facts import FACTS, MEETING_TYPES, meeting_unit
from zhibu.model import BRANCH_TYPES, Group, Item, Rubric
from zhibu.rules import REGISTRY
from zhibu.verdicts import describe

from .form import item_reads

# Each branch type's part of a page's address (ASCII: the page is also a file on a mirror).
TYPE_SLUGS = {
    "机关": "jiguan",
    "事业单位": "shiye",
    "国有企业": "guoqi",
    "农村": "nongcun",
    "城市社区": "shequ",
    "非公企业": "feigong",
    "社会组织": "shehui",
    "高校": "gaoxiao",
    "其他": "qita",
}
FOLDER = "self-check/paper"
BOX = "☐"


def page_path(scheme: str, branch_type: str) -> str:
    return f"{FOLDER}/{scheme}-{TYPE_SLUGS[branch_type]}.md"


def records_path(scheme: str, branch_type: str) -> str:
    """The standard's 备查材料清单 for the type (zhibu_build.checklist), beside its paper self-check."""
    return f"{FOLDER}/records-{scheme}-{TYPE_SLUGS[branch_type]}.md"


def asked_by_group(rubric: Rubric, scheme_id: str, branch_type: str) -> list[tuple[Group, list[Item]]]:
    """The items the standard asks of the type, by its groups (groups with none left out): the order
    both paper pages number them in."""
    asked = {i.id: i for i in rubric.items_for((scheme_id,), branch_type)}
    groups = [(g, [asked[e.item] for e in g.entries if e.item in asked]) for g in rubric.schemes[scheme_id].groups]
    return [(g, items) for g, items in groups if items]


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def paper_page(rubric: Rubric, scheme_id: str, branch_type: str) -> str:
    """One standard for one type of branch, as Markdown."""
    scheme = rubric.schemes[scheme_id]
    reads = item_reads(rubric)
    asked = {i.id: i for i in rubric.items_for((scheme_id,), branch_type)}
    wanted = {f.path for f in FACTS if f.core} | {p for i in asked for p in reads.get(i, [])}
    facts = [f for f in FACTS if f.path in wanted and f.kind not in ("log",)]
    meetings = [m for m in MEETING_TYPES if f"meetings.{m}" in wanted]
    left_out = rubric.left_out(scheme_id, branch_type)
    lines = [
        "---",
        f"title: 纸质自查表：{scheme.name}（{branch_type}）",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# 纸质自查表：{scheme.name} · {branch_type}党支部",
        "",
        '<div class="zhibu-paper" markdown>',
        "",
        f"按自查规则 {rubric.version} 生成，与[网页自查](../index.md)问的一样；打印在 A4 纸上填写，"
        "不需要脚本。填好后可以照着在网页上录入，由评分程序计算得分和结论。"
        f"各项可以用哪些材料说明已经做到，见[备查材料清单]({records_path(scheme_id, branch_type).rsplit('/', 1)[1]})。",
        "",
        "| 支部名称 | | 上级党组织 | |",
        "| --- | --- | --- | --- |",
        "| 自查期 | 　　年　月　日 至 　　年　月　日 | 自查日期 | 　　年　月　日 |",
        "",
        f"结论怎样得出：{describe(scheme.verdict)}。",
        "",
        *[f"- 本站默认：{d}" for d in scheme.site_defaults],
        "",
    ]
    if left_out:
        lines += [f"另有 {len(left_out)} 项只适用于其他类型的支部，本表未列。", ""]
    lines += ["## 一、基本情况", "", "| 项目 | 填写 |", "| --- | --- |"]
    for f in facts:
        if f.kind == "rows":
            heads = "、".join(c.label for c in f.columns)
            lines.append(f"| {_cell(f.label)}（每行：{heads}） | |")
        elif f.kind == "flag":
            lines.append(f"| {_cell(f.label)} | {BOX} 是　{BOX} 否 |")
        else:
            lines.append(f"| {_cell(f.label)} | |")
    lines.append("")
    if meetings:  # an HTML table: its own class keeps the row names on one line and the cells square
        head = "".join(f"<th>{m}月</th>" for m in range(1, 13))
        rows = "".join(
            f'<tr><th scope="row">{m}（{meeting_unit(m)}）</th>' + "<td></td>" * 13 + "</tr>" for m in meetings
        )
        lines += [
            "## 二、会议与活动记录",
            "",
            "每格填写该月召开或开展的次数（主题党日填天数）。",
            "",
            '<div class="zhibu-paper-scroll" tabindex="0" role="region" aria-label="会议与活动记录表">'
            '<table class="zhibu-paper-grid"><thead><tr><th scope="col">会议与活动</th>'
            f"{head}<th>合计</th></tr></thead><tbody>{rows}</tbody></table></div>",
            "",
        ]
    lines += ["## 三、逐项评价", ""]
    n = 0
    for group, items in asked_by_group(rubric, scheme_id, branch_type):
        lines += [f"### {group.name}", "", "| 序号 | 自查项 | 依据 | 评价 |", "| --- | --- | --- | --- |"]
        for item in items:
            n += 1
            clauses = "、".join(c.label for c in item.clauses)
            if item.rules:
                how = "按基本情况计算：" + "；".join(REGISTRY[r.kind].describe(r.params) for r in item.rules)
                answer = f"{how}。结果：{BOX} 达到　{BOX} 未达到　{BOX} 不适用"
            else:
                answer = "　".join(f"{BOX} {a}" for a in ("达到", "基本达到", "未达到", "不适用"))
            lines.append(f"| {n} | {_cell(item.text)} | {_cell(clauses)} | {answer} |")
        lines.append("")
    lines += [
        "## 四、问题清单与整改措施",
        "",
        "| 序号 | 问题 | 整改措施 | 责任人 | 时限 |",
        "| --- | --- | --- | --- | --- |",
        *["| | | | | |"] * 6,
        "",
        "支部书记（签字）：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿　　上级党组织意见：＿＿＿＿＿＿＿＿＿＿",
        "",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def paper_index(rubric: Rubric) -> str:
    """The list of every paper self-check: a row per standard, a link per branch type."""
    lines = [
        "---",
        "title: 纸质自查表",
        "---",
        "",
        "# 纸质自查表",
        "",
        "按考核标准和支部类型生成的自查表，可以打印后在会上填写，也适用于不能运行网页自查的浏览器。"
        "表中的自查项、基本情况和会议记录与[网页自查](../index.md)相同。",
        "",
        *_links(rubric, page_path),
        "",
        "## 备查材料清单 { #records }",
        "",
        "每个自查项可以用哪些材料说明已经做到：文件写明的照录原文用语并注明条款，其余标“本站建议”。"
        "按考核标准和支部类型各一份，可以打印后对照整理台账。",
        "",
        *_links(rubric, records_path),
    ]
    return "\n".join(lines) + "\n"


def _links(rubric: Rubric, path: Callable[[str, str], str]) -> list[str]:
    """A table with a row per standard and a link per branch type to its page."""
    rows = ["| 考核标准 | 支部类型 |", "| --- | --- |"]
    for sid, scheme in rubric.schemes.items():
        links = "、".join(f"[{t}]({path(sid, t).rsplit('/', 1)[1]})" for t in BRANCH_TYPES)
        rows.append(f"| {scheme.name} | {links} |")
    return rows


def paper_pages(rubric: Rubric) -> dict[str, str]:
    """Every page of the paper self-check, by its path under docs/."""
    pages: dict[str, Any] = {f"{FOLDER}/index.md": paper_index(rubric)}
    for sid in rubric.schemes:
        for t in BRANCH_TYPES:
            pages[page_path(sid, t)] = paper_page(rubric, sid, t)
    return pages
