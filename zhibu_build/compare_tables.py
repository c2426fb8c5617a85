"""The topic pages' comparison tables (要求 × the five documents), readable on a phone.

A table whose heading row names the documents gets `data-compare`, each cell the name of its
document (`data-label`), each 未作规定 cell `data-none`, and each row the documents that set
nothing (`data-none` on the row) or the one that alone does (`data-only`). site.css turns such a
table into one block per row on a narrow screen: the documents that rule, each named, and one
line for those that do not ("未作规定：苏州、合肥"). Wide screens keep the table. The text is
the page's own, written once; only attributes are added.
"""

from __future__ import annotations

import re

DOCS = frozenset({"威海", "上海海关学院", "苏州", "合肥", "山东"})
NONE = "未作规定"

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return _TAG.sub("", html).strip()


def compare_tables(html: str) -> str:
    """The page with each comparison table marked up for the narrow layout (others untouched)."""
    return _TABLE.sub(_table, html) if "<table>" in html else html


def _table(match: re.Match[str]) -> str:
    body = match.group(1)
    rows = _ROW.findall(body)
    head = [_text(cell) for _, cell in _CELL.findall(rows[0])] if rows else []
    if len(head) < 3 or not set(head[1:]) <= DOCS:
        return match.group(0)
    marked = _ROW.sub(lambda m: _row(m, head), body)
    return f"<table data-compare>{marked}</table>"


def _row(match: re.Match[str], head: list[str]) -> str:
    cells = _CELL.findall(match.group(1))
    if len(cells) != len(head) or cells[0][0] == "th":
        return match.group(0)
    none = [head[i] for i, (_, cell) in enumerate(cells) if i and _text(cell) == NONE]
    ruled = [head[i] for i, (_, cell) in enumerate(cells) if i and _text(cell) != NONE]
    out = [f"<td>{cells[0][1]}</td>"]
    for i, (_, cell) in enumerate(cells[1:], 1):
        flag = " data-none" if head[i] in none else ""
        out.append(f'<td data-label="{head[i]}"{flag}>{cell}</td>')
    attrs = (f' data-none="{"、".join(none)}"' if none else "") + (" data-only" if len(ruled) == 1 else "")
    return f"<tr{attrs}>" + "\n".join(out) + "</tr>"
