"""One ```zhibu-item declaration → the rubric's item: ID, text, clauses, rules, measure, records."""

from __future__ import annotations

import re
from typing import Any

from zhibu.model import BRANCH_TYPES
from zhibu.rules import validate_params
from zhibu.schema.answers import ITEM_ID
from zhibu.schema.validator import ecma

from .declarations import Declaration
from .records import compile_records

ITEM_KEYS = ("id", "text", "clauses", "rules", "measure", "applies_to", "scope", "records")
_ITEM_ID = ecma(ITEM_ID)
# An item's text that opens with the branches it is for: "（非公企业和社会组织）…", "（村党支部）…".
_SCOPED_TEXT = re.compile(r"^（[^）]*(企业|组织|村|社区|机关|高校)[^）]*）")


def compile_item(
    d: Declaration, clauses: dict[str, dict[str, str]], texts: dict[str, str], topic: str, errors: list[str]
) -> dict[str, Any] | None:
    """The item, or None (and the reasons in `errors`, each at its line) when it cannot be read."""
    data = d.fields("自查项", ITEM_KEYS, errors)
    if data is None:
        return None
    item_id = data.get("id")
    if not isinstance(item_id, str) or not _ITEM_ID.search(item_id):
        errors.append(f"{d.where('id')}: 自查项编号应形如 zzsh.01（小写字母、点、两到三位数字）")
        return None
    for key in ("text", "measure"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(f"{d.where(key)}: 自查项 {item_id} 缺少 {key}")
    refs = data.get("clauses")
    if not isinstance(refs, list) or not refs:
        errors.append(f"{d.where('clauses')}: 自查项 {item_id} 应列出至少一个依据条款")
        refs = []
    for i, ref in enumerate(refs):
        if ref not in clauses:
            errors.append(f"{d.where(f'clauses[{i}]')}: 条款锚点“{ref}”在文件页面中不存在")
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        errors.append(f"{d.where('rules')}: rules 应为列表")
        rules = []
    out_rules = []
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict) or "kind" not in rule:
            errors.append(f"{d.where(f'rules[{i}]')}: 每条规则应有 kind")
            continue
        params = {k: v for k, v in rule.items() if k != "kind"}
        for p in validate_params(rule["kind"], params, f"rules[{i}]"):
            key = p.path.replace(".params", "")
            errors.append(f"{d.where(key)}: 自查项 {item_id} 的规则 {key}: {p.message}")
        out_rules.append({"kind": rule["kind"], "params": params})
    applies_to, scope = _applicability(d, data, out_rules, clauses, errors)
    records = compile_records(d, item_id, clauses, texts, errors)
    return {
        "id": item_id,
        "text": str(data.get("text", "")).strip(),
        "topic": topic,
        "page": d.page,
        "clauses": [clauses[r] for r in refs if r in clauses],
        "rules": out_rules,
        "measure": str(data.get("measure", "")).strip(),
        **({"applies_to": applies_to} if applies_to else {}),
        **({"scope": clauses[scope]} if scope else {}),
        "records": records,
    }


def _applicability(
    d: Declaration,
    data: dict[str, Any],
    rules: list[dict[str, Any]],
    clauses: dict[str, dict[str, str]],
    errors: list[str],
) -> tuple[list[str], str | None]:
    """The branch types an item is for, in BRANCH_TYPES order, and the clause that says so.

    Declared as `applies_to` with its `scope` clause; or, for an item all of whose rules are
    limited to some types (the funding standards), the union of theirs. Empty: every type.
    """
    item_id = data.get("id")
    declared = data.get("applies_to")
    scope = data.get("scope")
    if declared is None:
        if scope is not None:
            errors.append(f"{d.where('scope')}: 自查项 {item_id} 写了 scope 却没有 applies_to")
        if isinstance(data.get("text"), str) and _SCOPED_TEXT.match(data["text"]):
            errors.append(
                f"{d.where('text')}: 自查项 {item_id} 的文字写明了适用的支部类型，"
                "应声明 applies_to（支部类型列表）和 scope（文件中规定适用范围的条款）"
            )
        limited = [r["params"].get("applies_to") for r in rules]
        if rules and all(isinstance(types, list) for types in limited):
            union = {t for types in limited for t in types}
            return [t for t in BRANCH_TYPES if t in union], None
        return [], None
    if not isinstance(declared, list) or not declared or any(t not in BRANCH_TYPES for t in declared):
        errors.append(f"{d.where('applies_to')}: applies_to 应列出支部类型：{'、'.join(BRANCH_TYPES)}")
        return [], None
    if not isinstance(scope, str) or scope not in clauses:
        errors.append(f"{d.where('scope')}: 自查项 {item_id} 应以 scope 给出规定适用范围的条款锚点")
        scope = None
    return [t for t in BRANCH_TYPES if t in declared], scope
