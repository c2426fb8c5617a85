"""A Result as JSON (byte-identical for the same input), as a Chinese text report, as CSV."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from ._version import __version__
from .model import Clause
from .result import STATUS_WORDS, Finding, Result

CSV_HEADER = ("序号", "自查项", "问题", "依据条款", "整改措施", "责任人", "时限")


def clause_url(c: Clause) -> str:
    """Link to the clause on the site, relative to the site's root."""
    return f"{c.page.removesuffix('.md')}.html#{c.id}"


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _rectification(result: Result, f: Finding) -> dict[str, str]:
    plan = result.assessment.rectification.get(f.outcome.item.id)
    return {
        "item": f.outcome.item.id,
        "problem": f"{f.outcome.item.text}：{f.outcome.message}",
        "measure": (plan.measure if plan and plan.measure else f.outcome.item.measure),
        "owner": plan.owner if plan else "",
        "deadline": plan.deadline if plan else "",
    }


def to_dict(result: Result) -> dict[str, Any]:
    a = result.assessment
    return {
        "engine": {"name": "zhibu", "version": __version__},
        "rubric_version": result.rubric_version,
        "branch": {"name": a.branch_name, "type": a.branch_type, "parent": a.parent},
        "period": {"start": a.period_start.isoformat(), "end": a.period_end.isoformat()},
        "check_date": a.check_date.isoformat(),
        "schemes": [
            {
                "id": s.scheme.id,
                "name": s.scheme.name,
                "score": _r(s.score),
                "scale": s.scheme.scale,
                "answered": s.answered,
                "total": s.total,
                "verdict": {
                    "label": s.verdict.label,
                    "passed": s.verdict.passed,
                    "rank": s.verdict.rank,
                    "reasons": list(s.verdict.reasons),
                    "provisional": s.verdict.provisional,
                },
                "site_defaults": list(s.scheme.site_defaults),
                "groups": [
                    {
                        "id": g.id,
                        "name": g.name,
                        "weight": g.weight,
                        "ratio": _r(g.ratio),
                        "answered": g.answered,
                        "total": len(g.entries),
                        "items": [
                            {
                                "item": e.item,
                                "status": e.status,
                                "credit": _r(e.credit),
                                "weight": e.weight,
                                "must_pass": e.must_pass,
                            }
                            for e in g.entries
                        ],
                    }
                    for g in s.groups
                ],
            }
            for s in result.schemes
        ],
        "outcomes": [
            {"item": o.item.id, "status": o.status, "source": o.source, "message": o.message} for o in result.outcomes
        ],
        "findings": [
            {
                "item": f.outcome.item.id,
                "text": f.outcome.item.text,
                "status": f.outcome.status,
                "message": f.outcome.message,
                "note": f.outcome.note,
                "clauses": [{"id": c.id, "label": c.label, "url": clause_url(c)} for c in f.clauses],
                "measure": f.outcome.item.measure,
                "schemes": list(f.schemes),
            }
            for f in result.findings
        ],
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
    return table_text([CSV_HEADER, *_csv_rows(result)])


def _csv_rows(result: Result) -> Iterator[tuple[Any, ...]]:
    for n, f in enumerate(result.findings, 1):
        row = _rectification(result, f)
        clauses = "；".join(c.label for c in f.clauses)
        yield (n, f.outcome.item.id, row["problem"], clauses, row["measure"], row["owner"], row["deadline"])


def to_text(result: Result) -> str:
    a = result.assessment
    lines = [
        f"支部自查结果：{a.branch_name}（{a.branch_type}）",
        f"自查期 {a.period_start.isoformat()} 至 {a.period_end.isoformat()}，自查日期 {a.check_date.isoformat()}，"
        f"规则 {result.rubric_version}",
        "",
    ]
    for s in result.schemes:
        v = s.verdict
        mark = "（暂定：尚有未作答的项）" if v.provisional else ""
        lines.append(f"【{s.scheme.name}】得分 {s.score:.1f} / {s.scheme.scale:g}，结论：{v.label}{mark}")
        lines.append(f"  已作答 {s.answered} / {s.total} 项")
        for g in s.groups:
            ratio = "不适用" if g.ratio is None else f"{100 * g.ratio:.0f}%"
            lines.append(f"  · {g.name}：{ratio}（{g.answered}/{len(g.entries)} 项已作答）")
        lines.extend(f"  - {r}" for r in v.reasons[:10])
        if s.scheme.site_defaults:
            lines.append("  本站默认：" + "；".join(s.scheme.site_defaults))
        lines.append("")
    lines.append(f"问题清单（{len(result.findings)} 项）")
    for n, f in enumerate(result.findings, 1):
        clauses = "、".join(c.label for c in f.clauses)
        lines.append(f"{n}. [{f.outcome.item.id}] {f.outcome.item.text}（{STATUS_WORDS[f.outcome.status]}）")
        lines.append(f"   {f.outcome.message}；依据：{clauses}")
        if f.outcome.note:
            lines.append(f"   说明：{f.outcome.note}")
    return "\n".join(lines) + "\n"
