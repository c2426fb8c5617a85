"""An item's `records` (备查材料): the records that show it is met, quoted from its document or suggested.

    records:
      weihai-3-4-22: [党支部会议记录簿, 党员学习活动资料]   # the clause that names them: words as printed
      本站建议: [签到表]                                    # the site's suggestion, shown as such

A quoted record's words must appear in the cited clause, and the clause must be in the document the
item is from: a record one document names is never shown as another's. Records are display data:
they are not part of an item's meaning (ids.py) and never change a score.
"""

from __future__ import annotations

from typing import Any

from .clauses import quoted
from .declarations import Declaration

SUGGESTED = "本站建议"
_FORM = f"records 应为键值对：条款锚点或“{SUGGESTED}”: [材料名称, …]"


def compile_records(
    d: Declaration,
    item_id: str,
    clauses: dict[str, dict[str, str]],
    texts: dict[str, str],
    errors: list[str],
) -> list[dict[str, Any]]:
    """The item's records in the order declared: {text, clause} quoted, {text, suggested: true} suggested."""
    declared = d.data.get("records")
    if declared is None or declared == {}:
        errors.append(f"{d.where('records')}: 自查项 {item_id} 应列出至少一项备查材料（records）")
        return []
    if not isinstance(declared, dict):
        errors.append(f"{d.where('records')}: {_FORM}")
        return []
    docs = {clauses[c]["doc"] for c in d.data.get("clauses") or [] if isinstance(c, str) and c in clauses}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source, names in declared.items():
        key = f"records.{source}"
        clause = clauses.get(source)
        if source != SUGGESTED and clause is None:
            errors.append(
                f"{d.where(key)}: 条款锚点“{source}”在文件页面中不存在（原文没有写明的材料写在“{SUGGESTED}”下）"
            )
            continue
        if clause is not None and docs and clause["doc"] not in docs:
            errors.append(
                f"{d.where(key)}: 自查项 {item_id} 的备查材料引用了{clause['label']}，"
                f"只能引用本项所依据的文件；这份文件没有写明的材料写在“{SUGGESTED}”下"
            )
            continue
        if not isinstance(names, list) or not names:
            errors.append(f"{d.where(key)}: {source} 下应列出材料名称，如 [党员名册]")
            continue
        for i, name in enumerate(names):
            where = d.where(f"{key}[{i}]")
            if not isinstance(name, str) or not name.strip():
                errors.append(f"{where}: 材料名称应为文字")
                continue
            name = name.strip()
            if name in seen:
                errors.append(f"{where}: 自查项 {item_id} 的备查材料“{name}”重复")
                continue
            seen.add(name)
            if clause is None:
                out.append({"text": name, "suggested": True})
            elif not quoted(name, texts.get(source, "")):
                errors.append(
                    f"{where}: “{name}”不见于{clause['label']}的原文；引用的材料须照录原文用语，"
                    f"原文没有写明的写在“{SUGGESTED}”下"
                )
            else:
                out.append({"text": name, "clause": clause})
    return out
