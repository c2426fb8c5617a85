"""The rubric in the pages: cards for the declarations, a failed build when rubric.json is stale.

- on_config: compile the declarations (scripts/compile_rubric.py) and stop the build if
  `calculator/zhibu/data/rubric.json` differs from what the pages declare.
- on_files: publish the package's JSON Schemas under schemas/ (one copy, the package's).
- on_page_markdown: replace each ```zhibu-item / ```zhibu-scheme / ```zhibu-rubric fence
  with a readable card, so a member sees the same item the self-check scores. Cards are
  left out of the search index: their text repeats the clauses they cite, and the index
  is loaded on every page.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "calculator"))

import compile_rubric  # noqa: E402

from zhibu.rules import REGISTRY  # noqa: E402

SCHEMAS = ROOT / "calculator" / "zhibu" / "schemas"
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    docs = Path(config.docs_dir)
    try:
        rubric = compile_rubric.compile_rubric(docs, compile_rubric.load_ids())
        reason = compile_rubric.stale_reason(docs, rubric)
    except compile_rubric.CompileError as err:
        raise PluginError("自查规则声明有误：\n  " + "\n  ".join(err.errors)) from err
    if reason:
        raise PluginError(f"自查规则已过期：{reason}。请运行 python scripts/compile_rubric.py 后再构建")
    _state["items"] = {i["id"]: i for i in rubric["items"]}
    _state["clauses"] = compile_rubric.clause_index(docs)
    _state["rubric"] = rubric
    return config


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    for schema in sorted(SCHEMAS.glob("*.json")):
        files.append(File.generated(config, f"schemas/{schema.name}", content=schema.read_bytes()))
    return files


def _rel(target: str, page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _clauses(clauses: list[dict[str, str]], page: str) -> str:
    return "、".join(f"[{c['label']}]({_rel(c['page'], page)}#{c['id']})" for c in clauses)


def item_card(item: dict[str, Any], page: str) -> str:
    rules = "；".join(REGISTRY[r["kind"]].describe(r["params"]) for r in item["rules"])
    how = f"按填写的基本情况计算：{rules}" if rules else "自评：达到 / 基本达到 / 未达到 / 不适用"
    anchor = "zb-" + item["id"].replace(".", "-")
    return "\n".join(
        [
            f'<div class="zhibu-card" id="{anchor}" data-search-exclude markdown>',
            f'<span class="zhibu-card__tag">自查项 {item["id"]}</span> **{item["text"]}**',
            "",
            f"依据：{_clauses(item['clauses'], page)}　·　{how}",
            "",
            f"建议措施：{item['measure']}",
            "",
            "</div>",
        ]
    )


def verdict_text(v: dict[str, Any]) -> str:
    kind = v["kind"]
    if kind == "threshold":
        return f"得分 {v['min']:g} 分及以上为“{v['pass']}”，否则为“{v['fail']}”"
    if kind == "grades":
        bands = sorted(v["bands"], key=lambda b: -float(b["min"]))
        return (
            "按得分定档："
            + "；".join(f"{b['min']:g} 分及以上为“{b['label']}”" for b in bands[:-1])
            + (f"；其余为“{bands[-1]['label']}”")
        )
    least = "达到" if float(v["min_item_credit"]) >= 1 else "达到或基本达到"
    if kind == "all_groups":
        return f"每组的每一项都{least}，该组合格；各组都合格为“{v['pass']}”，否则为“{v['fail']}”"
    return f"每一项都{least}为“{v['pass']}”，否则为“{v['fail']}”，并列出未达到的项"


def scheme_card(s: dict[str, Any], page: str) -> str:
    items = _state["items"]
    rows = []
    for g in s["groups"]:
        names = "<br>".join(
            f"[{e['item']}]({_rel(items[e['item']]['page'], page)}#zb-{e['item'].replace('.', '-')}) "
            f"{items[e['item']]['text']}" + ("（一票否决）" if e["must_pass"] else "")
            for e in g["items"]
        )
        label = _state["clauses"][g["clause"]]["label"] if g.get("clause") else ""
        where = f"（[{label}](#{g['clause']})）" if label else ""
        rows.append(f"| {g['name']} {where} | {g['weight']:g} | {names} |")
    defaults = "".join(f"\n- **本站默认**：{d}" for d in s["site_defaults"])
    quoted = "".join(
        f"\n- {kind}：{t['text']}（[{_state['clauses'][t['clause']]['label']}](#{t['clause']})）"
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
            f"适用：{'、'.join(s['branch_types'])}。满分 {s['scale']:g}；{verdict_text(s['verdict'])}。",
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


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    if "```zhibu-" not in markdown:
        return markdown
    lines = markdown.split("\n")
    tokens = [t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "fence" and t.map]
    for tok in reversed(tokens):
        info = tok.info.strip()
        if info not in compile_rubric.FENCES or tok.map is None:
            continue
        start, end = tok.map
        data, _ = compile_rubric._with_lines(tok.content, 0)
        path = page.file.src_uri
        if info == "zhibu-item":
            card = item_card(_state["items"][data["id"]], path)
        elif info == "zhibu-scheme":
            card = scheme_card(next(s for s in _state["rubric"]["schemes"] if s["id"] == data["id"]), path)
        else:
            card = rubric_card(data)
        lines[start:end] = card.split("\n")
    return "\n".join(lines)
