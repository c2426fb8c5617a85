"""One ```zhibu-scheme declaration → the rubric's scheme: groups of items, weights, verdict, targets, caps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhibu.model import BRANCH_TYPES
from zhibu.schema.answers import SCHEME_ID
from zhibu.schema.validator import ecma
from zhibu.verdicts import validate_verdict

from .declarations import Declaration

SCHEME_KEYS = (
    "id",
    "name",
    "branch_types",
    "scale",
    "basic_credit",
    "verdict",
    "site_defaults",
    "audience",
    "description",
    "groups",
    "targets",
    "caps",
)
_SCHEME_ID = ecma(SCHEME_ID)

# A scheme's targets and caps: the fields each entry has (all quoted from a clause).
QUOTED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "targets": {"year": int, "at_least": (int, float), "clause": str, "text": str},
    "caps": {"label": str, "at_most": (int, float), "clause": str, "text": str, "first_grading": bool},
}


def _quoted(
    d: Declaration,
    key: str,
    entries: Any,
    fields: dict[str, type | tuple[type, ...]],
    clauses: dict[str, Any],
    errors: list[str],
) -> list[dict[str, Any]]:
    """Targets and caps: each quotes its clause; checked field by field."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        errors.append(f"{d.where(key)}: {key} 应为列表")
        return []
    out = []
    for i, e in enumerate(entries):
        at = f"{key}[{i}]"
        if not isinstance(e, dict) or set(e) != set(fields):
            errors.append(f"{d.where(at)}: 每一项应有且只有：{'、'.join(fields)}")
            continue
        bad = [k for k, t in fields.items() if (t is not bool and isinstance(e[k], bool)) or not isinstance(e[k], t)]
        if bad:
            errors.append(f"{d.where(at)}: 类型不对：{'、'.join(bad)}")
            continue
        if e["clause"] not in clauses:
            errors.append(f"{d.where(at)}: 条款锚点“{e['clause']}”不存在")
            continue
        out.append({**e, "clause_label": clauses[e["clause"]]["label"]})
    return out


def _groups(
    d: Declaration, sid: str, items: dict[str, dict[str, Any]], clauses: dict[str, Any], errors: list[str]
) -> list[dict[str, Any]]:
    out = []
    for gi, g in enumerate(d.data.get("groups") or []):
        at = f"groups[{gi}]"
        if not isinstance(g, dict) or not isinstance(g.get("id"), str) or not isinstance(g.get("name"), str):
            errors.append(f"{d.where(at)}: 每组应有 id 与 name")
            continue
        if g.get("clause") is not None and g["clause"] not in clauses:
            errors.append(f"{d.where(at + '.clause')}: 条款锚点“{g['clause']}”不存在")
        entries = []
        for ei, e in enumerate(g.get("items") or []):
            spec = {"id": e} if isinstance(e, str) else e
            if not isinstance(spec, dict) or spec.get("id") not in items:
                errors.append(f"{d.where(f'{at}.items[{ei}]')}: 标准 {sid} 引用了不存在的自查项 {spec}")
                continue
            entries.append(
                {
                    "item": spec["id"],
                    "weight": float(spec.get("weight", 1)),
                    "must_pass": bool(spec.get("must_pass", False)),
                }
            )
        if not entries:
            errors.append(f"{d.where(at)}: 组“{g['name']}”没有任何自查项")
        out.append(
            {
                "id": g["id"],
                "name": g["name"],
                "weight": float(g.get("weight", 1)),
                "clause": g.get("clause"),
                "items": entries,
            }
        )
    if not out:
        errors.append(f"{d.where('groups')}: 标准 {sid} 没有任何组")
    return out


def compile_scheme(
    d: Declaration, items: dict[str, dict[str, Any]], clauses: dict[str, Any], errors: list[str]
) -> dict[str, Any] | None:
    """The scheme, or None (and the reasons in `errors`, each at its line) when it cannot be read."""
    data = d.fields("标准", SCHEME_KEYS, errors)
    if data is None:
        return None
    sid = data.get("id")
    if not isinstance(sid, str) or not _SCHEME_ID.match(sid):
        errors.append(f"{d.where('id')}: 标准编号应为小写字母开头的英文编号")
        return None
    if not isinstance(data.get("name"), str):
        errors.append(f"{d.where('name')}: 标准 {sid} 缺少 name")
    types = data.get("branch_types")
    if not isinstance(types, list) or not types or any(t not in BRANCH_TYPES for t in types):
        errors.append(f"{d.where('branch_types')}: branch_types 应列出支部类型：{'、'.join(BRANCH_TYPES)}")
    scale, basic = data.get("scale", 100), data.get("basic_credit", 0.5)
    if not isinstance(scale, (int, float)) or scale <= 0:
        errors.append(f"{d.where('scale')}: scale 应为正数")
    if not isinstance(basic, (int, float)) or not 0 <= basic <= 1:
        errors.append(f"{d.where('basic_credit')}: basic_credit 应在 0 到 1 之间")
    for p in validate_verdict(data.get("verdict"), "verdict"):
        errors.append(f"{d.where(p.path.removeprefix('$.'))}: 标准 {sid} 的 {p}")
    defaults = data.get("site_defaults", [])
    if not isinstance(defaults, list) or not all(isinstance(x, str) for x in defaults):
        errors.append(f"{d.where('site_defaults')}: site_defaults 应为文字列表")
        defaults = []
    audience = data.get("audience")
    if not isinstance(audience, str) or not audience.strip():
        errors.append(
            f"{d.where('audience')}: 标准 {sid} 应以 audience 用一句话说明谁印发、面向哪些支部、结论是什么意思"
        )
        audience = ""
    groups = _groups(d, sid, items, clauses, errors)
    quoted = {key: _quoted(d, key, data.get(key), fields, clauses, errors) for key, fields in QUOTED.items()}
    return {
        "id": sid,
        "name": data.get("name", ""),
        "document": Path(d.page).stem,
        "page": d.page,
        "branch_types": types if isinstance(types, list) else [],
        "scale": scale,
        "basic_credit": basic,
        "verdict": data.get("verdict"),
        "site_defaults": defaults,
        "audience": audience.strip(),
        "description": str(data.get("description", "")).strip(),
        "groups": groups,
        **quoted,
    }
