"""备查材料清单: the records to keep, a page per standard and branch type, made from the rubric.

Each item declares the records that show it is met (its `records`: quoted from its document with
the clause, or 本站建议). A page lists, for the items the standard asks of that type of branch, the
records once each — those the documents name first, then the site's suggestions — with the items
they serve and a box to tick, then each item's records by group, numbered as on the paper
self-check. Plain Markdown, no script: it reads and prints on A4 like the paper self-check.
"""

from __future__ import annotations

import posixpath

from zhibu.model import BRANCH_TYPES, Item, Record, Rubric

from .paper import BOX, FOLDER, asked_by_group, page_path, records_path
from .rubric.cards import records_text

# A standard's own words on the records it asks for, quoted on its checklist pages:
# scheme -> (clause, its label, the sentence with the quoted words; tests check them against the clause).
CAUTIONS = {
    "shandong": (
        "shandong-4-3",
        "山东 四3",
        "山东的文件要求问题清单、工作方案“务实简便、易于操作”，“防止层层加码、搞资料达标”",
    ),
}


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def _link(label: str, page: str, anchor: str) -> str:
    return f"[{label}]({posixpath.relpath(page, FOLDER)}#{anchor})"


def _source(r: Record) -> str:
    """Where a record comes from: the clause that names it (linked), or 本站建议."""
    return "本站建议" if r.clause is None else _link(r.clause.label, r.clause.page, r.clause.id)


def item_records(item: Item) -> str:
    """An item's records in one cell: those of one source together, then the source."""
    return records_text((_cell(r.text), _source(r)) for r in item.records)


def records_page(rubric: Rubric, scheme_id: str, branch_type: str) -> str:
    """One standard's records for one type of branch, as Markdown."""
    scheme = rubric.schemes[scheme_id]
    groups = asked_by_group(rubric, scheme_id, branch_type)
    numbered = [(n, item) for n, item in enumerate((i for _, items in groups for i in items), 1)]
    # Each record once (a name two clauses give is one record), with its sources and the items it shows.
    uses: dict[tuple[str, bool], tuple[list[str], list[int]]] = {}
    for n, item in numbered:
        for r in item.records:
            sources, ns = uses.setdefault((r.text, r.suggested), ([], []))
            if _source(r) not in sources:
                sources.append(_source(r))
            if n not in ns:
                ns.append(n)
    quoted = [k for k in uses if not k[1]]
    suggested = [k for k in uses if k[1]]
    paper = posixpath.basename(page_path(scheme_id, branch_type))
    left_out = rubric.left_out(scheme_id, branch_type)
    lines = [
        "---",
        f"title: 备查材料清单：{scheme.name}（{branch_type}）",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# 备查材料清单：{scheme.name} · {branch_type}党支部",
        "",
        '<div class="zhibu-paper zhibu-records" markdown>',
        "",
        f"按自查规则 {rubric.version} 生成：{scheme.name}对{branch_type}党支部的 {len(numbered)} 项自查项，"
        "各项可以用哪些材料说明已经做到。注明条款的，是文件写明的材料，照录原文用语；"
        "标“本站建议”的，是本站的建议，不是文件的规定，可以按实际情况取舍。"
        f"序号与[纸质自查表]({paper})相同；打印在 A4 纸上，备齐一种在它前面的方框里打勾。",
        "",
    ]
    if scheme_id in CAUTIONS:
        anchor, label, words = CAUTIONS[scheme_id]
        lines += [f"{words}（{_link(label, scheme.page, anchor)}）。", ""]
    if left_out:
        lines += [f"另有 {len(left_out)} 项只适用于其他类型的支部，本表未列。", ""]
    lines += ["## 一、材料目录", ""]
    # A box to tick before each record; the suggested ones need no column to say where they are from.
    lines += [f"### 文件写明的材料（{len(quoted)} 种）", ""]
    if quoted:
        lines += ["| 材料 | 出处 | 用于自查项（序号） |", "| --- | --- | --- |"]
        for key in quoted:
            sources, ns = uses[key]
            lines.append(f"| {BOX} {_cell(key[0])} | {'、'.join(sources)} | {'、'.join(map(str, ns))} |")
    else:
        lines.append(f"{scheme.name}对这类支部所列的自查项，文件没有写明要留存哪些材料。")
    lines += ["", f"### 本站建议的材料（{len(suggested)} 种）", ""]
    lines += ["以下材料是本站的建议，不是文件的规定。", ""] if suggested else ["无。"]
    if suggested:
        lines += ["| 材料 | 用于自查项（序号） |", "| --- | --- |"]
        lines += [f"| {BOX} {_cell(key[0])} | {'、'.join(map(str, uses[key][1]))} |" for key in suggested]
    lines.append("")
    lines += ["## 二、逐项备查材料", ""]
    number = {item.id: n for n, item in numbered}
    for group, items in groups:
        lines += [f"### {group.name}", "", "| 序号 | 自查项 | 备查材料 |", "| --- | --- | --- |"]
        lines += [f"| {number[i.id]} | {_cell(i.text)}（{i.id}） | {item_records(i)} |" for i in items]
        lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)


def records_pages(rubric: Rubric) -> dict[str, str]:
    """Every checklist page, by its path under docs/."""
    return {records_path(sid, t): records_page(rubric, sid, t) for sid in rubric.schemes for t in BRANCH_TYPES}
