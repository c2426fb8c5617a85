"""What the site's pages ask of the engine, as their worker calls it (docs/assets/selfcheck/worker.js).

Text in, JSON text out: the worker passes strings between the page and Pyodide, and a wrong
answers file comes back as its problems, never as an exception.

    handle("rescore", text)  -> '{"ok":true,"result":{…},"grid":[…]}' (every change on the self-check page;
                                grid: each meeting's requirement per period against the log, zhibu.grid)
    handle("score", text)    -> '{"ok":true,"json":"…"}'      (the result file to export)
    handle("csv", text)      -> '{"ok":true,"csv":"…"}'       (the rectification list, for Excel)
    handle("validate", text) -> '{"ok":true,"data":{…}}'      (an import, checked first; data in today's format)
    handle("xlsx", text)     -> '{"ok":true,"xlsx":"<base64>"}' (the 问题与整改清单 and scores for Excel;
                                needs XlsxWriter, which the worker installs from the site's lock file first)
    handle("docx", text)     -> '{"ok":true,"docx":"<base64>"}' (the 自查报告与整改方案 for Word; standard library only)
    any of them, for a wrong file -> '{"ok":false,"problems":[{"path":…,"message":…}, …]}'

    rollup_handle(payload, progress) -> the 汇总 page's roll-up of the files it wrote to disk
    rollup_xlsx(summary_text)        -> '{"ok":true,"xlsx":"<base64>"}' (that roll-up's tables for Excel)
    plan_handle(request)             -> '{"ok":true,"plan":{…},"ics":"…"}' (the year's plan: zhibu plan)
    compare_handle(request)          -> '{"ok":true,"comparison":{…}}' (this year against last: zhibu compare)

scripts/pyodide_stdlib_bytecode.mjs runs these too, to learn which standard-library modules
the engine needs compiled ahead of time.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from .answers import load_answers, parse_json, upgrade
from .errors import InputError
from .model import Assessment
from .report import to_compact_json, to_csv, to_json
from .rubric import default_rubric
from .scoring import score

OPS = ("rescore", "score", "csv", "validate", "xlsx", "docx")


def _reply(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def handle(op: str, text: str) -> str:
    """One request of the self-check page: `op` (one of OPS) on the text of an answers file."""
    if op not in OPS:
        raise ValueError(f"unknown op {op!r}")
    rubric = default_rubric()
    try:
        data = parse_json(text)
        assessment = load_answers(data, rubric)
    except InputError as err:
        return _reply({"ok": False, "problems": [{"path": p.path, "message": p.message} for p in err.problems]})
    if op == "validate":  # the file as the page keeps it: an older version brought up to date
        return _reply({"ok": True, "data": upgrade(data)})
    result = score(rubric, assessment)
    if op == "csv":
        return _reply({"ok": True, "csv": to_csv(result)})
    if op == "xlsx":
        from .xlsx import result_xlsx

        return _binary("xlsx", lambda: result_xlsx(result))
    if op == "docx":
        from .docx import result_docx

        return _binary("docx", lambda: result_docx(result))
    if op == "rescore":  # every keystroke: compact, and returned as data rather than as text
        return '{"ok":true,"result":' + to_compact_json(result) + ',"grid":' + _grid_json(assessment) + "}"
    return _reply({"ok": True, "json": to_json(result)})


_GRID: dict[str, str] = {}  # the last grid, by what it is made from: most changes are answers, which it does not read


def _grid_json(a: Assessment) -> str:
    """The meeting grid (zhibu.grid) as compact JSON, made again only when the facts, the period, the
    check date, the branch type or the standards changed."""
    key = json.dumps(
        [a.schemes, a.branch_type, a.period_start, a.period_end, a.check_date, a.facts],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    if key not in _GRID:
        from .grid import grid_dicts, meeting_grid

        grid = grid_dicts(meeting_grid(default_rubric(), a), a.check_date.year)
        _GRID.clear()
        _GRID[key] = json.dumps(grid, ensure_ascii=False, separators=(",", ":"))
    return _GRID[key]


def _binary(key: str, make: Callable[[], bytes]) -> str:
    """A file the page downloads, as base64 under `key` in the JSON reply; its problem (XlsxWriter missing) as one."""
    try:
        data = make()
    except InputError as err:
        said = [{"path": p.path, "message": p.message} for p in err.problems] or [{"path": "$", "message": err.what}]
        return _reply({"ok": False, "problems": said})
    return _reply({"ok": True, key: base64.b64encode(data).decode("ascii")})


def plan_handle(request: str) -> str:
    """The year's plan for the self-check page: `request` is JSON {"type", "standard", "compare", "year"}."""
    from .plan import plan_dict, plan_ics, plan_problems, year_plan

    rubric = default_rubric()
    data = json.loads(request)
    compare = [str(c) for c in data.get("compare") or []]
    problems = plan_problems(rubric, data.get("type"), data.get("year"), data.get("standard"), compare)
    if problems:
        return _reply({"ok": False, "problems": [{"path": p.path, "message": p.message} for p in problems]})
    plan = year_plan(rubric, data["type"], data["year"], data.get("standard"), compare)
    return _reply({"ok": True, "plan": plan_dict(plan, rubric), "ics": plan_ics(plan, rubric)})


def compare_handle(request: str) -> str:
    """Two self-checks of one branch for the page: `request` is JSON {"earlier": text, "later": text},
    each the text of an answers file; a problem in either is named with the file it is in."""
    from .compare import compare, comparison_dict

    rubric = default_rubric()
    data = json.loads(request)
    results = []
    for key, which in (("earlier", "上次的自查"), ("later", "本次的自查")):
        try:
            results.append(score(rubric, load_answers(parse_json(data[key]), rubric)))
        except InputError as err:
            said = [{"path": p.path, "message": f"{which}：{p.message}"} for p in err.problems]
            return _reply({"ok": False, "problems": said})
    return _reply({"ok": True, "comparison": comparison_dict(compare(*results))})


def rollup_xlsx(summary_text: str) -> str:
    """The 汇总 page's tables as one workbook, from the summary rollup_handle returned (its "json")."""
    from .xlsx import rollup_xlsx as workbook

    summary = json.loads(summary_text)
    return _binary("xlsx", lambda: workbook(summary, default_rubric()))


def rollup_handle(payload: str, progress: Callable[[int, int, int], None]) -> str:
    """The 汇总 page's roll-up. `payload` is JSON: {"files": [[name, path], …], "sample", "seed"};
    `progress(records, file, files)` hears how far it has got, at most every 0.2 s."""
    from .report import table_text
    from .rollup import ROLLUP_TABLES, Record, expand, records_in, rollup, rollup_json, rollup_text, summary

    rubric = default_rubric()
    data = json.loads(payload)
    files: list[list[str]] = data["files"]

    def records() -> Iterator[Record]:
        shown = 0.0
        count = 0
        for n, (name, path) in enumerate(files):
            with open(path, "rb") as f:
                body = f.read()
            for record in expand(records_in(name, body)):
                count += 1
                if time.monotonic() - shown > 0.2:
                    shown = time.monotonic()
                    progress(count, n + 1, len(files))
                yield record

    s = summary(
        rollup(records(), rubric), rubric, data.get("sample"), data.get("seed", 0), data.get("first_grading", False)
    )
    tables = {name: table_text(rows(s, rubric)) for name, rows in ROLLUP_TABLES.items()}
    return _reply({"ok": True, "json": rollup_json(s, rubric), "text": rollup_text(s, rubric), "csv": tables})
