"""The pages' declarations → the rubric (calculator/zhibu/data/rubric.json), or every error at its line.

An item ID, once issued, keeps its meaning (rules and clauses) for good: ids.py's registry
records it, and a changed meaning under an old ID is an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zhibu.rubric import RUBRIC_FORMAT
from zhibu.rules import REGISTRY
from zhibu.schema.answers import VERSION
from zhibu.schema.validator import ecma

from .. import ROOT
from .clauses import clause_index, clause_texts
from .declarations import CompileError, Declaration, declarations, page_meta, pages_in_order
from .ids import id_registry, load_ids, meaning
from .items import compile_item
from .schemes import compile_scheme

DOCS = ROOT / "docs"
RUBRIC_FILE = ROOT / "calculator" / "zhibu" / "data" / "rubric.json"
_VERSION = ecma(VERSION)


def _read_pages(docs: Path, errors: list[str]) -> tuple[list[Declaration], dict[str, str]]:
    decls: list[Declaration] = []
    topics: dict[str, str] = {}
    for page in pages_in_order(docs):
        text = page.read_text(encoding="utf-8")
        rel = str(page.relative_to(docs))
        topics[rel] = str(page_meta(text).get("title", rel))
        try:
            decls.extend(declarations(rel, text))
        except CompileError as err:
            errors.extend(err.errors)
    return decls, topics


def compile_rubric(docs: Path = DOCS, ids: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read every page and return the rubric; raise CompileError listing every problem."""
    clauses = clause_index(docs)
    texts = clause_texts(docs)
    errors: list[str] = []
    decls, topics = _read_pages(docs, errors)
    meta = [d for d in decls if d.kind == "zhibu-rubric"]
    if len(meta) != 1:
        errors.append(f"应有且只有一个 zhibu-rubric 声明（规则版本），找到 {len(meta)} 个")
        raise CompileError(errors)
    version = meta[0].data.get("version") if isinstance(meta[0].data, dict) else None
    if not isinstance(version, str) or not _VERSION.match(version):
        errors.append(f"{meta[0].where('version')}: version 应形如 1.0.0")
    retired = list(meta[0].data.get("retired") or []) if isinstance(meta[0].data, dict) else []

    items: dict[str, dict[str, Any]] = {}
    first_seen: dict[str, str] = {}
    for d in decls:
        if d.kind != "zhibu-item":
            continue
        item = compile_item(d, clauses, texts, topics[d.page], errors)
        if item is None:
            continue
        if item["id"] in first_seen:
            errors.append(f"{d.where('id')}: 自查项编号 {item['id']} 重复（已在 {first_seen[item['id']]} 声明）")
            continue
        if item["id"] in retired:
            errors.append(f"{d.where('id')}: 编号 {item['id']} 已停用，不能再用")
        first_seen[item["id"]] = d.where("id")
        items[item["id"]] = item
    for item_id, item in items.items():
        known = (ids or {}).get(item_id)
        if known and known != meaning(item):
            errors.append(
                f"{first_seen[item_id]}: 自查项 {item_id} 的规则或依据条款变了；编号一经发布不改变含义，"
                "请改用新编号，并把旧编号列入 zhibu-rubric 的 retired"
            )
    schemes: dict[str, Any] = {}
    for d in decls:
        if d.kind == "zhibu-scheme":
            scheme = compile_scheme(d, items, clauses, errors)
            if scheme is None:
                continue
            if scheme["id"] in schemes:
                errors.append(f"{d.where('id')}: 标准编号 {scheme['id']} 重复")
            schemes[scheme["id"]] = scheme
    if not schemes:
        errors.append("没有任何 zhibu-scheme 声明")
    if errors:
        raise CompileError(errors)
    return {
        "format": RUBRIC_FORMAT,
        "version": version,
        "items": list(items.values()),
        "schemes": list(schemes.values()),
        "retired": sorted(retired),
    }


def dumps(rubric: dict[str, Any]) -> str:
    return json.dumps(rubric, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def stale_reason(docs: Path = DOCS, fresh: dict[str, Any] | None = None) -> str | None:
    """Why the shipped rubric does not match the pages (compiled now unless given), or None."""
    ids = load_ids()
    fresh = compile_rubric(docs, ids) if fresh is None else fresh
    if not RUBRIC_FILE.is_file():
        return "calculator/zhibu/data/rubric.json 不存在"
    if RUBRIC_FILE.read_text(encoding="utf-8") != dumps(fresh):
        return "calculator/zhibu/data/rubric.json 与页面中的声明不一致"
    if id_registry(fresh, ids) != ids:
        return "zhibu_build/rubric/ids.json 没有记录全部编号"
    return None


def verify() -> str:
    """Re-read the shipped rubric and count what it holds (per topic, per scheme)."""
    rubric = json.loads(RUBRIC_FILE.read_text(encoding="utf-8"))
    lines = [
        f"rubric {rubric['version']}: {len(rubric['items'])} items, {len(rubric['schemes'])} schemes, "
        f"{len(rubric['retired'])} retired"
    ]
    by_topic: dict[str, int] = {}
    for i in rubric["items"]:
        by_topic[i["topic"]] = by_topic.get(i["topic"], 0) + 1
    lines += [f"  topic {t}: {n} items" for t, n in by_topic.items()]
    rule_items = sum(1 for i in rubric["items"] if i["rules"])
    kinds = sorted({r["kind"] for i in rubric["items"] for r in i["rules"]})
    lines.append(f"  rule items: {rule_items}; judgement items: {len(rubric['items']) - rule_items}")
    lines.append(f"  rule kinds used: {len(kinds)} of {len(REGISTRY)} ({', '.join(kinds)})")
    records = [r for i in rubric["items"] for r in i.get("records", [])]
    quoted = sum(1 for r in records if r.get("clause"))
    lines.append(f"  records: {quoted} quoted from the documents, {len(records) - quoted} suggested by the site")
    for s in rubric["schemes"]:
        n = sum(len(g["items"]) for g in s["groups"])
        must = sum(1 for g in s["groups"] for e in g["items"] if e["must_pass"])
        lines.append(
            f"  scheme {s['id']} ({s['name']}): {len(s['groups'])} groups, {n} items, {must} must-pass, "
            f"verdict {s['verdict']['kind']}"
        )
    return "\n".join(lines)
