"""The readable cards that stand in the pages for the declarations: what a member reads is what
the self-check scores. Markdown (with HTML wrappers), made from the compiled rubric."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from zhibu.model import BRANCH_TYPES
from zhibu.rules import REGISTRY
from zhibu.verdicts import describe


def _rel(target: str, page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _clauses(clauses: list[dict[str, str]], page: str) -> str:
    return "、".join(f"[{c['label']}]({_rel(c['page'], page)}#{c['id']})" for c in clauses)


def records_text(records: Iterable[tuple[str, str]]) -> str:
    """备查材料 in one line from (name, source) pairs: the names of one source together, then the
    source (a linked clause, or 本站建议). The topic cards and the printable checklists both use it."""
    runs: list[tuple[str, list[str]]] = []
    for name, source in records:
        if runs and runs[-1][0] == source:
            runs[-1][1].append(name)
        else:
            runs.append((source, [name]))
    return "；".join(f"{'、'.join(names)}（{source}）" for source, names in runs)


def records_line(records: list[dict[str, Any]], page: str) -> str:
    """An item's records (the rubric's `records`) for a card on `page`."""
    return records_text((r["text"], _clauses([r["clause"]], page) if r.get("clause") else "本站建议") for r in records)


def item_card(item: dict[str, Any], page: str) -> str:
    rules = "；".join(REGISTRY[r["kind"]].describe(r["params"]) for r in item["rules"])
    how = f"按填写的基本情况计算：{rules}" if rules else "自评：达到 / 基本达到 / 未达到 / 不适用"
    anchor = "zb-" + item["id"].replace(".", "-")
    scope = ""
    if item.get("applies_to"):
        cited = f"（{_clauses([item['scope']], page)}）" if item.get("scope") else ""
        scope = f"只适用于{'、'.join(item['applies_to'])}党支部{cited}；其他支部自查时不列入、不计分。"
    return "\n".join(
        [
            f'<div class="zhibu-card" id="{anchor}" data-search-exclude markdown>',
            f'<span class="zhibu-card__tag">自查项 {item["id"]}</span> **{item["text"]}**',
            "",
            f"依据：{_clauses(item['clauses'], page)}　·　{how}",
            "",
            *([scope, ""] if scope else []),
            f"建议措施：{item['measure']}",
            "",
            *([f"备查材料：{records_line(item['records'], page)}", ""] if item.get("records") else []),
            "</div>",
        ]
    )


Fence = tuple[str, int, int, str]  # kind, first line, end line, content (declarations.fences)


def item_runs(lines: list[str], found: list[Fence]) -> list[list[Fence]]:
    """The item fences in runs: one after another with nothing but blank lines between them."""
    runs: list[list[Fence]] = []
    for fence in found:
        if fence[0] != "zhibu-item":
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and not any(line.strip() for line in lines[last[2] : fence[1]]):
            runs[-1].append(fence)
        else:
            runs.append([fence])
    return runs


def items_block(cards: list[str]) -> str:
    """A section's self-check items, collapsed: the reading goes on past them (a link to one of
    them opens the block, assets/javascripts/a11y.js)."""
    return "\n".join(
        [
            '<details class="zhibu-items" data-search-exclude markdown>',
            f"<summary>本节自查项（{len(cards)}）</summary>",
            "",
            *cards,
            "",
            "</details>",
        ]
    )


def scheme_card(
    s: dict[str, Any], page: str, items: dict[str, dict[str, Any]], clauses: dict[str, dict[str, str]]
) -> str:
    rows = []
    for g in s["groups"]:
        names = "<br>".join(
            f"[{e['item']}]({_rel(items[e['item']]['page'], page)}#zb-{e['item'].replace('.', '-')}) "
            f"{items[e['item']]['text']}" + ("（一票否决）" if e["must_pass"] else "")
            for e in g["items"]
        )
        label = clauses[g["clause"]]["label"] if g.get("clause") else ""
        where = f"（[{label}](#{g['clause']})）" if label else ""
        rows.append(f"| {g['name']} {where} | {g['weight']:g} | {names} |")
    defaults = "".join(f"\n- **本站默认**：{d}" for d in s["site_defaults"])
    quoted = "".join(
        f"\n- {kind}：{t['text']}（[{clauses[t['clause']]['label']}](#{t['clause']})）"
        for kind, key in (("汇总目标", "targets"), ("比例上限", "caps"))
        for t in s.get(key, [])
    )
    return "\n".join(
        [
            f'<div class="zhibu-card zhibu-scheme" id="scheme-{s["id"]}" data-search-exclude markdown>',
            f'<span class="zhibu-card__tag">自查标准 {s["id"]}</span> **{s["name"]}**',
            "",
            s.get("description", ""),
            "",
            f"适用的支部类型（本站默认）：{'、'.join(s['branch_types'])}。"
            f"满分 {s['scale']:g}；{describe(s['verdict'])}。",
            "",
            "| 组 | 权重 | 自查项 |",
            "| --- | --- | --- |",
            *rows,
            quoted,
            defaults,
            "",
            "</div>",
        ]
    )


def rubric_card(data: dict[str, Any]) -> str:
    retired = "、".join(data.get("retired") or []) or "无"
    return f'<div class="zhibu-card" markdown>\n自查规则版本 **{data["version"]}**；停用编号：{retired}。\n</div>'


def applicability_table(schemes: list[dict[str, Any]], items: dict[str, dict[str, Any]]) -> str:
    """For every branch type and standard: the items asked, of them judged by the secretary and
    computed from the facts (the ```zhibu-applicability fence on the rules page)."""
    head = "| 支部类型 | " + " | ".join(s["name"] for s in schemes) + " |"
    rows = [head, "| --- |" + " --- |" * len(schemes)]
    for branch_type in BRANCH_TYPES:
        cells = []
        for s in schemes:
            asked = [
                items[e["item"]]
                for g in s["groups"]
                for e in g["items"]
                if not items[e["item"]].get("applies_to") or branch_type in items[e["item"]]["applies_to"]
            ]
            computed = sum(1 for i in asked if i["rules"])
            cells.append(f"{len(asked)}（自评 {len(asked) - computed}，计算 {computed}）")
        rows.append(f"| {branch_type} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
