"""Compile the rubric from the pages: check items, schemes and the rubric's version.

Declarations are fenced blocks in the Markdown pages, read with markdown-it-py:

- ```zhibu-item   — one check item, in the topic page that states the requirement;
- ```zhibu-scheme — one issuing document's scheme, on that document's page;
- ```zhibu-rubric — the rubric's version and retired IDs (docs/self-check/rubric.md).

Usage:
    python scripts/compile_rubric.py            write calculator/zhibu/data/rubric.json
    python scripts/compile_rubric.py --check    fail (exit 1) if the shipped rubric is stale
    python scripts/compile_rubric.py --verify   re-read the shipped rubric and print counts

Every error names `docs/…/page.md:LINE`. An item ID, once issued, keeps its meaning
(rules and clauses) for good: `calculator/zhibu/data/ids.json` records it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "calculator"))

from zhibu.model import ANSWERS, BRANCH_TYPES  # noqa: E402
from zhibu.rules import REGISTRY, validate_params  # noqa: E402
from zhibu.verdicts import validate_verdict  # noqa: E402

DOCS = ROOT / "docs"
DATA = ROOT / "calculator" / "zhibu" / "data"
RUBRIC_FILE = DATA / "rubric.json"
IDS_FILE = DATA / "ids.json"
FENCES = ("zhibu-item", "zhibu-scheme", "zhibu-rubric")
ITEM_ID = re.compile(r"^[a-z]+\.[0-9]{2,3}$")
SCHEME_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
ANCHOR = re.compile(r"\{\s*#([\w-]+)\s*\}")
CN = "一二三四五六七八九十"
NUMBERING = (
    (re.compile(rf"^([{CN}]+)、"), "{}"),
    (re.compile(rf"^[（(]\s*([{CN}]+)\s*[）)]"), "（{}）"),
    (re.compile(r"^(\d+)\s*[．.]"), "{}"),
    (re.compile(r"^附件\s*(\d+)"), "附件{} "),
)


class CompileError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Declaration:
    """A fenced declaration: its kind, data, page and the line of each key."""

    kind: str
    data: Any
    page: str  # docs-relative, e.g. topics/zuzhi-shenghuo.md
    line: int  # 1-based line of the fence
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str = "") -> str:
        return f"docs/{self.page}:{self.lines.get(key, self.line)}"


def _with_lines(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    """YAML → data, and the line of each key path ("rules[0].kind")."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[str, int] = {}

    def walk(n: Any, path: str) -> Any:
        lines.setdefault(path, first_line + n.start_mark.line)
        if isinstance(n, yaml.MappingNode):
            return {k.value: walk(v, f"{path}.{k.value}" if path else k.value) for k, v in n.value}
        if isinstance(n, yaml.SequenceNode):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(n.value)]
        return yaml.safe_load(yaml.serialize(n))

    return (walk(node, "") if node is not None else None), lines


def page_meta(text: str) -> dict[str, Any]:
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else {}
    return meta if isinstance(meta, dict) else {}


def declarations(page: str, text: str) -> Iterator[Declaration]:
    """The zhibu fences of one page, parsed (YAML errors become CompileError with file:line)."""
    offset = 0
    match = FRONT_MATTER.match(text)
    if match:
        offset = match.group(0).count("\n")
        text = text[match.end() :]
    for tok in MarkdownIt("commonmark").parse(text):
        if tok.type != "fence" or tok.info.strip() not in FENCES or tok.map is None:
            continue
        line = tok.map[0] + offset + 1
        try:
            data, lines = _with_lines(tok.content, line + 1)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            at = line + 1 + (mark.line if mark else 0)
            raise CompileError([f"docs/{page}:{at}: 声明不是有效的 YAML：{getattr(err, 'problem', err)}"]) from None
        yield Declaration(tok.info.strip(), data, page, line, lines)


def pages_in_order(docs: Path) -> list[Path]:
    """Pages in the order of mkdocs.yml's nav, then any other page, sorted."""
    config = yaml.load((docs.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    ordered: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str) and node.endswith(".md"):
            ordered.append(node)
        elif isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            for n in node.values():
                walk(n)

    walk(config.get("nav", []))
    rest = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md") if str(p.relative_to(docs)) not in ordered)
    return [docs / p for p in ordered + rest if (docs / p).is_file()]


def _numbering(text: str) -> str:
    for pattern, form in NUMBERING:
        m = pattern.match(text.strip().lstrip("#").strip())
        if m:
            return form.format(m.group(1))
    return ""


def clause_index(docs: Path) -> dict[str, dict[str, str]]:
    """Every anchor of the document pages → its document, citation label and page."""
    index: dict[str, dict[str, str]] = {}
    for page in sorted((docs / "documents").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        short = page_meta(text).get("short")
        if not short:
            continue
        numbers: dict[str, str] = {}
        previous = ""
        for line in text.splitlines():
            for anchor in ANCHOR.findall(line):
                # a heading carries its anchor on its own line; a paragraph on the line after it
                own = ANCHOR.sub("", line).strip()
                numbers[anchor] = _numbering(own or previous)
            if line.strip():
                previous = line
        for anchor in numbers:
            parts = anchor.split("-")
            chain = ["-".join(parts[:i]) for i in range(2, len(parts) + 1)]
            label = "".join(numbers.get(a, "") for a in chain).strip()
            if chain[0].endswith("a2") and len(chain) == 3:  # annex item: 附件2 第13项
                label = f"{numbers.get(chain[0], '').strip()} 第{numbers[anchor]}项"
            index[anchor] = {
                "id": anchor,
                "doc": page.stem,
                "label": f"{short} {label}".strip(),
                "page": f"documents/{page.name}",
            }
    return index


def _meaning(item: dict[str, Any]) -> str:
    """What an ID stands for: its rules and clauses (wording may be edited, meaning may not)."""
    canonical = json.dumps([item["rules"], [c["id"] for c in item["clauses"]]], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _item(d: Declaration, clauses: dict[str, dict[str, str]], topic: str, errors: list[str]) -> dict[str, Any] | None:
    data = d.data
    if not isinstance(data, dict):
        errors.append(f"{d.where()}: 自查项声明应为键值对")
        return None
    for key in data:
        if key not in ("id", "text", "clauses", "rules", "measure"):
            errors.append(f"{d.where(key)}: 未知的字段“{key}”（可用：id、text、clauses、rules、measure）")
    item_id = data.get("id")
    if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
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
            errors.append(f"{d.where(key)}: 自查项 {item_id} 的规则 {p.path.replace('.params', '')}: {p.message}")
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


SCHEME_KEYS = (
    "id",
    "name",
    "branch_types",
    "scale",
    "basic_credit",
    "verdict",
    "site_defaults",
    "description",
    "groups",
    "targets",
    "caps",
)


# A scheme's targets and caps: the fields each entry has (all quoted from a clause).
QUOTED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "targets": {"year": int, "at_least": (int, float), "clause": str, "text": str},
    "caps": {"label": str, "at_most": (int, float), "clause": str, "text": str},
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
        bad = [k for k, t in fields.items() if isinstance(e[k], bool) or not isinstance(e[k], t)]
        if bad:
            errors.append(f"{d.where(at)}: 类型不对：{'、'.join(bad)}")
            continue
        if e["clause"] not in clauses:
            errors.append(f"{d.where(at)}: 条款锚点“{e['clause']}”不存在")
            continue
        out.append(dict(e))
    return out


def _scheme(d: Declaration, items: dict[str, dict[str, Any]], clauses: dict[str, Any], errors: list[str]) -> Any:
    data = d.data
    if not isinstance(data, dict):
        errors.append(f"{d.where()}: 标准声明应为键值对")
        return None
    for key in data:
        if key not in SCHEME_KEYS:
            errors.append(f"{d.where(key)}: 未知的字段“{key}”（可用：{'、'.join(SCHEME_KEYS)}）")
    sid = data.get("id")
    if not isinstance(sid, str) or not SCHEME_ID.match(sid):
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
    groups_out = []
    for gi, g in enumerate(data.get("groups") or []):
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
        groups_out.append(
            {
                "id": g["id"],
                "name": g["name"],
                "weight": float(g.get("weight", 1)),
                "clause": g.get("clause"),
                "items": entries,
            }
        )
    if not groups_out:
        errors.append(f"{d.where('groups')}: 标准 {sid} 没有任何组")
    doc = Path(d.page).stem
    quoted = {key: _quoted(d, key, data.get(key), fields, clauses, errors) for key, fields in QUOTED.items()}
    return {
        "id": sid,
        "name": data.get("name", ""),
        "document": doc,
        "page": d.page,
        "branch_types": types if isinstance(types, list) else [],
        "scale": scale,
        "basic_credit": basic,
        "verdict": data.get("verdict"),
        "site_defaults": defaults,
        "description": str(data.get("description", "")).strip(),
        "groups": groups_out,
        **quoted,
    }


def compile_rubric(docs: Path = DOCS, ids: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read every page and return the rubric; raise CompileError listing every problem."""
    clauses = clause_index(docs)
    errors: list[str] = []
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
    meta = [d for d in decls if d.kind == "zhibu-rubric"]
    if len(meta) != 1:
        errors.append(f"应有且只有一个 zhibu-rubric 声明（规则版本），找到 {len(meta)} 个")
        raise CompileError(errors)
    version = meta[0].data.get("version") if isinstance(meta[0].data, dict) else None
    if not isinstance(version, str) or not VERSION.match(version):
        errors.append(f"{meta[0].where('version')}: version 应形如 1.0.0")
    retired = list(meta[0].data.get("retired") or []) if isinstance(meta[0].data, dict) else []

    items: dict[str, dict[str, Any]] = {}
    first_seen: dict[str, str] = {}
    for d in decls:
        if d.kind != "zhibu-item":
            continue
        item = _item(d, clauses, topics[d.page], errors)
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
        if known and known != _meaning(item):
            errors.append(
                f"{first_seen[item_id]}: 自查项 {item_id} 的规则或依据条款变了；编号一经发布不改变含义，"
                "请改用新编号，并把旧编号列入 zhibu-rubric 的 retired"
            )
    schemes: dict[str, Any] = {}
    for d in decls:
        if d.kind == "zhibu-scheme":
            scheme = _scheme(d, items, clauses, errors)
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
        "format": 1,
        "version": version,
        "items": list(items.values()),
        "schemes": list(schemes.values()),
        "retired": sorted(retired),
        "answers": list(ANSWERS),
    }


def dumps(rubric: dict[str, Any]) -> str:
    return json.dumps(rubric, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_ids() -> dict[str, Any]:
    return json.loads(IDS_FILE.read_text(encoding="utf-8")) if IDS_FILE.is_file() else {}


def id_registry(rubric: dict[str, Any], ids: dict[str, Any]) -> dict[str, Any]:
    """The registry with every current item's meaning (IDs never leave it)."""
    return {**ids, **{i["id"]: _meaning(i) for i in rubric["items"]}}


def stale_reason(docs: Path = DOCS, fresh: dict[str, Any] | None = None) -> str | None:
    """Why the shipped rubric does not match the pages (compiled now unless given), or None."""
    ids = load_ids()
    fresh = compile_rubric(docs, ids) if fresh is None else fresh
    if not RUBRIC_FILE.is_file():
        return "calculator/zhibu/data/rubric.json 不存在"
    if RUBRIC_FILE.read_text(encoding="utf-8") != dumps(fresh):
        return "calculator/zhibu/data/rubric.json 与页面中的声明不一致"
    if id_registry(fresh, ids) != ids:
        return "calculator/zhibu/data/ids.json 没有记录全部编号"
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
    for s in rubric["schemes"]:
        n = sum(len(g["items"]) for g in s["groups"])
        must = sum(1 for g in s["groups"] for e in g["items"] if e["must_pass"])
        lines.append(
            f"  scheme {s['id']} ({s['name']}): {len(s['groups'])} groups, {n} items, {must} must-pass, "
            f"verdict {s['verdict']['kind']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="只检查已发布的 rubric.json 是否过期")
    mode.add_argument("--verify", action="store_true", help="重新读取 rubric.json 并统计")
    args = ap.parse_args(argv)
    try:
        if args.verify:
            print(verify())
            return 0
        if args.check:
            reason = stale_reason()
            if reason:
                print(f"自查规则已过期：{reason}。请运行 python scripts/compile_rubric.py", file=sys.stderr)
                return 1
            print("rubric.json 与页面一致")
            return 0
        ids = load_ids()
        rubric = compile_rubric(DOCS, ids)
    except CompileError as err:
        print("\n".join(err.errors), file=sys.stderr)
        print(f"共 {len(err.errors)} 处错误", file=sys.stderr)
        return 1
    DATA.mkdir(parents=True, exist_ok=True)
    RUBRIC_FILE.write_text(dumps(rubric), encoding="utf-8")
    IDS_FILE.write_text(
        json.dumps(id_registry(rubric, ids), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(verify())
    return 0


if __name__ == "__main__":
    sys.exit(main())
