"""Excel workbooks (.xlsx) of what the CSV exports hold: a self-check's 问题与整改清单 and scores,
and the 汇总's tables. Offices work in Excel and WPS; a CSV loses its types and its layout there.

Made with XlsxWriter (pure Python, maintained, BSD), the engine's one optional library: scoring
stays standard-library only. The CLI needs it installed (`pip install "zhibu[xlsx]"`); the site's
lock file carries its wheel, which the page fetches only when a workbook is asked for.

Cells: text is written as text, never as a formula, whatever it starts with (a note "=1+1" stays
those characters); numbers as numbers; dates (YYYY-MM-DD) as dates shown yyyy-mm-dd. The header
row is bold, frozen and filterable; a column is as wide as its longest cell (a Chinese character
counts two), at most 60, and longer text wraps. The same input gives the same bytes: the workbook's
creation date is the one given (XlsxWriter dates its zip entries 1980-01-01 itself).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .errors import InputError
from .model import Rubric
from .report import CSV_HEADER, rectification_rows
from .result import Result

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_WIDTH = 60


class Sheet(NamedTuple):
    """A worksheet: its title, its rows (the header first), and the columns holding numbers or
    dates, by header (every other column is text)."""

    title: str
    rows: Sequence[Sequence[Any]]
    numbers: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()


def result_sheets(result: Result) -> list[Sheet]:
    """The self-check's workbook: the 问题与整改清单 (the CSV's rows) and the scores."""
    scores: list[list[Any]] = [["标准", "作用", "得分", "满分", "结论", "暂定", "已作答", "应作答"]]
    for s in result.schemes:
        role = "考核标准" if s.scheme.id == result.assessment.standard else "对照（仅供参考）"
        verdict = s.verdict
        scores.append(
            [
                s.scheme.name,
                role,
                round(s.score, 2),
                s.scheme.scale,
                verdict.label,
                "是" if verdict.provisional else "否",
                s.answered,
                s.total,
            ]
        )
    return [
        Sheet(
            "问题与整改清单",
            [list(CSV_HEADER), *(list(r) for r in rectification_rows(result))],
            frozenset({"序号"}),
            frozenset({"时限"}),
        ),
        Sheet("得分", scores, frozenset({"得分", "满分", "已作答", "应作答"})),
    ]


def rollup_sheets(summary: dict[str, Any], rubric: Rubric) -> list[Sheet]:
    """The 汇总's workbook: the branch table, the two lists, the ledgers, the most common problems,
    the score distribution and the figures by parent organisation."""
    from .rollup.output import branch_rows, ledger_rows, list_rows

    branches = list(branch_rows(summary, rubric))
    scored = frozenset(h for h in branches[0] if h.endswith(" 得分")) | {"问题数"}
    problems: list[list[Any]] = [["自查项", "问题", "支部数", "依据条款"]]
    for p in summary.get("frequent_problems", []):
        problems.append([p["item"], p["text"], p["branches"], "；".join(p["clauses"])])
    bands: list[list[Any]] = [["标准", "分数段", "支部数"]]
    parents: list[list[Any]] = [["标准", "上级党组织", "支部数", "达标（合格）数", "平均分"]]
    for s in summary.get("schemes", {}).values():
        bands += [[s["name"], b["band"], b["branches"]] for b in s["distribution"]]
        parents += [[s["name"], p["parent"], p["branches"], p["passed"], p["mean"]] for p in s["by_parent"]]
    return [
        Sheet("支部一览", branches, scored),
        Sheet("两张名单", list(list_rows(summary, rubric)), frozenset({"得分"})),
        Sheet("结论台账", list(ledger_rows(summary, rubric)), frozenset({"得分"})),
        Sheet("常见问题", problems, frozenset({"支部数"})),
        Sheet("分数分布", bands, frozenset({"支部数"})),
        Sheet("按上级党组织", parents, frozenset({"支部数", "达标（合格）数", "平均分"})),
    ]


def workbook(sheets: Iterable[Sheet], created: dt.date) -> bytes:
    """The sheets as one .xlsx file."""
    try:
        import xlsxwriter  # type: ignore[import-untyped,unused-ignore]
    except ImportError as err:
        need = '导出 Excel 文件需要 XlsxWriter：pip install "zhibu[xlsx]"（或 pip install XlsxWriter）'
        raise InputError((), what=need) from err
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    book.set_properties({"created": dt.datetime(created.year, created.month, created.day), "title": "党支部自查"})
    head = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True, "valign": "top"})
    text = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"valign": "top"})
    date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.title)
        header = [str(h) for h in sheet.rows[0]] if sheet.rows else []
        widths = [width(h) for h in header]
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                name = header[c] if c < len(header) else ""
                if r == 0:
                    ws.write_string(r, c, str(value), head)
                elif name in sheet.numbers and (n := as_number(value)) is not None:
                    ws.write_number(r, c, n, number)
                elif name in sheet.dates and isinstance(value, str) and (d := as_date(value)) is not None:
                    ws.write_datetime(r, c, d, date)
                elif value is None or value == "":
                    ws.write_blank(r, c, None, text)
                else:
                    ws.write_string(r, c, str(value), text)
                if c < len(widths):
                    widths[c] = max(widths[c], width(str(value if value is not None else "")))
        for c, w in enumerate(widths):
            ws.set_column(c, c, min(max(w, 6) + 2, MAX_WIDTH))
        if header:
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, max(len(sheet.rows) - 1, 0), len(header) - 1)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
    book.close()
    return out.getvalue()


def width(text: str) -> int:
    """Display width: a wide (Chinese) character counts two, the widest line counts."""
    return max(
        (sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )


def as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def as_date(value: str) -> dt.datetime | None:
    if not DATE.fullmatch(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day)


def result_xlsx(result: Result) -> bytes:
    return workbook(result_sheets(result), result.assessment.check_date)


def rollup_xlsx(summary: dict[str, Any], rubric: Rubric) -> bytes:
    return workbook(rollup_sheets(summary, rubric), dt.date(1980, 1, 1))
