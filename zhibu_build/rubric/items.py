"""One ```zhibu-item declaration → the rubric's item: ID, text, clauses, rules, measure."""

from __future__ import annotations

from typing import Any

from zhibu.rules import validate_params
from zhibu.schema.answers import ITEM_ID
from zhibu.schema.validator import ecma

from .declarations import Declaration

ITEM_KEYS = ("id", "text", "clauses", "rules", "measure")
_ITEM_ID = ecma(ITEM_ID)


def compile_item(
    d: Declaration, clauses: dict[str, dict[str, str]], topic: str, errors: list[str]
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
    return {
        "id": item_id,
        "text": str(data.get("text", "")).strip(),
        "topic": topic,
        "page": d.page,
        "clauses": [clauses[r] for r in refs if r in clauses],
        "rules": out_rules,
        "measure": str(data.get("measure", "")).strip(),
    }
