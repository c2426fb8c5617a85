"""A Result as JSON (byte-identical for the same input), as a Chinese text report, as CSV."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from ._version import __version__
from .model import Clause, Record
from .result import STATUS_WORDS, Finding, GroupResult, Result, SchemeResult
from .verdicts import describe

CSV_HEADER = ("序号", "自查项", "问题", "说明", "依据条款", "整改措施", "责任人", "时限", "参考措施", "备查材料")


def record_text(r: Record) -> str:
    """A record to keep (备查材料) with where it comes from: the document's clause, or 本站建议."""
    return f"{r.text}（{r.clause.label if r.clause else '本站建议'}）"


def clause_url(c: Clause) -> str:
    """Link to the clause on the site, relative to the site's root."""
    return f"{c.page.removesuffix('.md')}.html#{c.id}"


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _rectification(result: Result, f: Finding) -> dict[str, str]:
    """A row of the 整改清单: the problem, the branch's measure, owner and deadline as it wrote them."""
    plan = result.assessment.rectification.get(f.outcome.item.id)
    return {
        "item": f.outcome.item.id,
        "problem": f"{f.outcome.item.text}：{f.outcome.message}",
        "measure": plan.measure if plan else "",  # the branch's own: blank until it writes one
        "suggested": f.outcome.item.measure,  # the site's suggestion, never printed as the branch's
        "owner": plan.owner if plan else "",
        "deadline": plan.deadline if plan else "",
    }


def _group(s: SchemeResult, g: GroupResult) -> dict[str, Any]:
    lost = points_lost(s, g)
    return {
        "id": g.id,
        "name": g.name,
        "weight": g.weight,
        "ratio": _r(g.ratio),
        "points": None if g.ratio is None else _r(group_points(s, g)),
        "lost": _r(sum(lost)),
        "answered": g.answered,
        "total": len(g.entries),
        "items": [
            {
                "item": e.item,
                "status": e.status,
                "credit": _r(e.credit),
                "weight": e.weight,
                "must_pass": e.must_pass,
                "lost": _r(x),
            }
            for e, x in zip(g.entries, lost, strict=True)
        ],
    }


def group_points(s: SchemeResult, g: GroupResult) -> float:
    """The points the group carries in the scheme's score: its weight's share of the scale among
    the groups counted (a group with nothing answered is not counted)."""
    counted = sum(x.weight for x in s.groups if x.ratio is not None)
    return s.scheme.scale * g.weight / counted if counted and g.ratio is not None else 0.0


def points_lost(s: SchemeResult, g: GroupResult) -> list[float]:
    """The points each entry of the group costs the scheme's score (together: scale − score)."""
    group = sum(e.weight for e in g.entries if e.credit is not None)
    if not group:
        return [0.0] * len(g.entries)
    share = group_points(s, g) / group
    return [0.0 if e.credit is None else share * e.weight * (1 - e.credit) for e in g.entries]


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "item": f.outcome.item.id,
        "text": f.outcome.item.text,
        "status": f.outcome.status,
        "message": f.outcome.message,
        "note": f.outcome.note,
        "clauses": [{"id": c.id, "label": c.label, "url": clause_url(c)} for c in f.clauses],
        "measure": f.outcome.item.measure,
        "schemes": list(f.schemes),
    }


def to_dict(result: Result) -> dict[str, Any]:
    a = result.assessment
    return {
        "engine": {"name": "zhibu", "version": __version__},
        "rubric_version": result.rubric_version,
        "branch": {"name": a.branch_name, "type": a.branch_type, "parent": a.parent},
        "period": {"start": a.period_start.isoformat(), "end": a.period_end.isoformat()},
        "check_date": a.check_date.isoformat(),
        "standard": a.standard,
        "warnings": [{"path": w.path, "message": w.message} for w in a.warnings],
        "schemes": [
            {
                "id": s.scheme.id,
                "name": s.scheme.name,
                "role": "standard" if s.scheme.id == a.standard else "compare",
                "score": _r(s.score),
                "scale": s.scheme.scale,
                "answered": s.answered,
                "total": s.total,
                "pending": s.pending,
                "verdict": {
                    "label": s.verdict.label,
                    "passed": s.verdict.passed,
                    "rank": s.verdict.rank,
                    "reasons": list(s.verdict.reasons),
                    "provisional": s.verdict.provisional,
                },
                "rule": describe(s.scheme.verdict),
                "site_defaults": list(s.scheme.site_defaults),
                "left_out": list(s.left_out),
                "groups": [_group(s, g) for g in s.groups],
            }
            for s in result.schemes
        ],
        "outcomes": [
            {"item": o.item.id, "status": o.status, "source": o.source, "message": o.message} for o in result.outcomes
        ],
        "findings": [_finding(f) for f in result.findings],
        "compare_findings": [_finding(f) for f in result.compare_findings],
        "rectification": [_rectification(result, f) for f in result.findings],
    }


def to_json(result: Result) -> str:
    """Canonical JSON: the same input always gives the same bytes."""
    return json.dumps(to_dict(result), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def to_compact_json(result: Result) -> str:
    """The same data without layout, for the page's rescoring (cheaper to write and read)."""
    return json.dumps(to_dict(result), ensure_ascii=False, separators=(",", ":"))


# A cell Excel or WPS would read as a formula (OWASP, "CSV Injection"): a branch name, a note or
# a measure typed as =HYPERLINK(…) must open as text. Such a cell gets a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet shows it as text (text starting like a formula gets an apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_table(rows: Iterable[Sequence[Any]], out: IO[str]) -> None:
    """CSV for Excel: UTF-8 with a BOM so that it reads the Chinese, CRLF lines, no cell read as a
    formula; written as made. Every CSV the engine writes (page and CLI) comes through here."""
    import csv  # here: the csv module costs 10 ms of the engine's start-up in Pyodide

    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows([safe_cell(c) for c in row] for row in rows)


def table_text(rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    write_table(rows, out)
    return out.getvalue()


def to_csv(result: Result) -> str:
    """The rectification list (整改清单) as CSV with a BOM, so that Excel reads the Chinese."""
    return table_text([CSV_HEADER, *rectification_rows(result)])


def rectification_rows(result: Result) -> Iterator[tuple[Any, ...]]:
    """The 问题与整改清单 a row a finding, in CSV_HEADER's order (the CSV and the Excel sheet)."""
    for n, f in enumerate(result.findings, 1):
        row = _rectification(result, f)
        clauses = "；".join(c.label for c in f.clauses)
        yield (
            n,
            f.outcome.item.id,
            row["problem"],
            f.outcome.note,
            clauses,
            row["measure"],
            row["owner"],
            row["deadline"],
            row["suggested"],
            "；".join(record_text(r) for r in f.outcome.item.records),
        )


def to_text(result: Result) -> str:
    a = result.assessment
    lines = [
        f"支部自查结果：{a.branch_name}（{a.branch_type}）",
        f"自查期 {a.period_start.isoformat()} 至 {a.period_end.isoformat()}，自查日期 {a.check_date.isoformat()}，"
        f"规则 {result.rubric_version}",
        "",
    ]
    if a.warnings:
        lines += [f"提示：{w}" for w in a.warnings] + [""]
    for s in result.schemes:
        v = s.verdict
        role = "考核标准" if s.scheme.id == a.standard else "对照"
        lines.append(f"【{role}：{s.scheme.name}】{verdict_line(s)}")
        lines.append(f"  已作答 {s.answered} / {s.total} 项")
        if s.left_out:
            lines.append(f"  另有 {len(s.left_out)} 项只适用于其他类型的支部，未列入、不计分")
        for g in s.groups:
            ratio = "不适用" if g.ratio is None else f"{100 * g.ratio:.0f}%"
            lines.append(f"  · {g.name}：{ratio}（{g.answered}/{len(g.entries)} 项已作答）")
        lines.extend(f"  - {r}" for r in v.reasons[:10])
        if s.scheme.site_defaults:
            lines.append("  本站默认：" + "；".join(s.scheme.site_defaults))
        lines.append("")
    lines.append(f"问题清单（{len(result.findings)} 项）")
    lines.extend(_finding_lines(result.findings))
    if result.compare_findings:
        lines += ["", f"对照标准另有的问题（{len(result.compare_findings)} 项，不列入整改清单）"]
        lines.extend(_finding_lines(result.compare_findings))
    return "\n".join(lines) + "\n"


def verdict_line(s: SchemeResult) -> str:
    """A scheme's score and verdict in one line, as the text report and the Word report say it."""
    mark = "（暂定：尚有未作答或进行中的项）" if s.verdict.provisional else ""
    return f"得分 {s.score:.1f} / {s.scheme.scale:g}，结论：{s.verdict.label}{mark}"


def _finding_lines(findings: Sequence[Finding]) -> Iterator[str]:
    for n, f in enumerate(findings, 1):
        clauses = "、".join(c.label for c in f.clauses)
        yield f"{n}. [{f.outcome.item.id}] {f.outcome.item.text}（{STATUS_WORDS[f.outcome.status]}）"
        yield f"   {f.outcome.message}；依据：{clauses}"
        if f.outcome.note:
            yield f"   说明：{f.outcome.note}"
