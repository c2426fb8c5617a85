"""The roll-up written out: as text, as JSON, and as tables (CSV) a committee opens in Excel."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from typing import IO, Any

from ..model import Rubric


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def _write_json(value: Any, out: IO[str], depth: int) -> None:
    """Objects indented two spaces a level, keys sorted; a list of objects one compact
    object a line; a list of plain values on one line. Readable, and written with the
    C encoder a line at a time (an indented json.dumps of 100,000 rows takes seconds)."""
    pad = "  " * depth
    if isinstance(value, dict):
        if not value:
            out.write("{}")
            return
        out.write("{")
        for n, key in enumerate(sorted(value)):
            out.write(("," if n else "") + f"\n{pad}  {_compact(key)}: ")
            _write_json(value[key], out, depth + 1)
        out.write(f"\n{pad}}}")
    elif isinstance(value, (list, Sequence)) and not isinstance(value, str):
        items = iter(value)
        first = next(items, None)
        if first is None:
            out.write("[]")
        elif not isinstance(first, (dict, list)):
            out.write(_compact([first, *items]))
        else:
            out.write(f"[\n{pad}  {_compact(first)}")
            for item in items:
                out.write(f",\n{pad}  {_compact(item)}")
            out.write(f"\n{pad}]")
    else:
        out.write(_compact(value))


def write_rollup_json(summary: dict[str, Any], out: IO[str]) -> None:
    """The summary as JSON, the branch table a line a row, written as it is made."""
    _write_json(summary, out, 0)
    out.write("\n")


def rollup_json(summary: dict[str, Any], rubric: Rubric) -> str:
    out = io.StringIO()
    write_rollup_json(summary, out)
    return out.getvalue()


def branch_rows(summary: dict[str, Any], rubric: Rubric) -> Iterator[list[Any]]:
    """The branch table: the header, then a branch a line, in input order."""
    used = [s for s in rubric.schemes if s in summary["schemes"]]
    header = ["支部", "类型", "上级党组织", "自查期"]
    for s in used:
        header += [f"{rubric.schemes[s].name} 得分", f"{rubric.schemes[s].name} 结论"]
    yield [*header, "问题数", "文件"]
    for row in summary["rows"]:
        cells = [row["name"], row["type"], row["parent"], row["period"]]
        for s in used:
            v = row["verdicts"].get(s)
            cells += _verdict_cells(v) if v else ["", ""]
        yield [*cells, row["open_problems"], row["source"]]


def _buckets(summary: dict[str, Any], key: str) -> dict[tuple[str, Any], list[tuple[str, int]]]:
    """(scheme, verdict[key]) -> [(name, row)], in one pass over the rows (not a list of them per scheme).
    An unfinished self-check (items unanswered) is in no list and no ledger: it is listed apart."""
    out: dict[tuple[str, Any], list[tuple[str, int]]] = {}
    for i, row in enumerate(summary["rows"]):
        for sid, v in row["verdicts"].items():
            if not v["unfinished"]:
                out.setdefault((sid, v[key]), []).append((row["name"], i))
    return out


def list_rows(summary: dict[str, Any], rubric: Rubric) -> Iterator[list[Any]]:
    """The two lists (两张名单) of every standard that says pass or fail, one branch a line."""
    yield ["标准", "名单", "支部", "上级党组织", "自查期", "得分", "结论"]
    rows, buckets = summary["rows"], _buckets(summary, "passed")
    for sid, scheme in summary["schemes"].items():
        if "lists" not in scheme:
            continue
        for passed, name in ((True, scheme["list_names"]["passed"]), (False, scheme["list_names"]["failed"])):
            for _, i in sorted(buckets.get((sid, passed), ())):
                r = rows[i]
                yield [scheme["name"], name, r["name"], r["parent"], r["period"], *_verdict_cells(r["verdicts"][sid])]


def ledger_rows(summary: dict[str, Any], rubric: Rubric) -> Iterator[list[Any]]:
    """The ledger by verdict (e.g. 先进/中间/后进, A/B/C/D) of every standard, one branch a line."""
    yield ["标准", "结论", "支部", "类型", "上级党组织", "自查期", "得分"]
    rows, buckets = summary["rows"], _buckets(summary, "label")
    for sid, scheme in summary["schemes"].items():
        for label in scheme["labels"]:
            for _, i in sorted(buckets.get((sid, label), ())):
                r = rows[i]
                score = f"{r['verdicts'][sid]['score']:.1f}"
                yield [scheme["name"], label, r["name"], r["type"], r["parent"], r["period"], score]


def _verdict_cells(v: dict[str, Any]) -> list[str]:
    return [f"{v['score']:.1f}", v["label"] + ("（自查未完成）" if v["unfinished"] else "")]


# --table NAME -> its rows, header first (report.write_table or table_text makes the CSV)
ROLLUP_TABLES = {"branches": branch_rows, "lists": list_rows, "ledgers": ledger_rows}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def rollup_text(summary: dict[str, Any], rubric: Rubric) -> str:
    lines = [f"汇总：{summary['branches']} 个支部（期）"]
    if summary["broken"]:
        lines.append(f"无法读取的文件 {len(summary['broken'])} 个：")
        lines += [f"  - {b['source']}：{b['reason']}" for b in summary["broken"]]
    if summary["duplicates"]:
        lines.append(f"重复的文件 {len(summary['duplicates'])} 个（同一支部同一自查期，只计一次）：")
        lines += [f"  - {d['source']}（与 {d['same_as']} 重复；{d['kept']}）" for d in summary["duplicates"]]
    for s in summary["schemes"].values():
        lines += ["", f"【{s['name']}】{s['branches']} 个支部完成自查"]
        if "lists" in s:
            passed, failed = s["lists"]["passed"], s["lists"]["failed"]
            lines.append(f"  {s['list_names']['passed']} {len(passed)} 个：{'、'.join(passed) or '无'}")
            lines.append(f"  {s['list_names']['failed']} {len(failed)} 个：{'、'.join(failed) or '无'}")
            for r in s["ratios"]:
                target = ""
                if r["target"] is not None:
                    verdict = "达到" if r["met"] else "未达到"
                    target = f"；目标 {_pct(r['target'])}（{r['target_text']}），{verdict}"
                lines.append(f"  {r['year']} 年：{r['passed']}/{r['branches']} = {_pct(r['ratio'])}{target}")
        lines.append("  结论分布：" + "；".join(f"{k} {v} 个" for k, v in s["labels"].items()))
        bands = (f"{b['band']} {b['branches']} 个" for b in s["distribution"] if b["branches"])
        lines.append("  分数分布：" + "；".join(bands))
        for p in s["by_parent"]:
            passed = "" if p["passed"] is None else f"，{s['list_names']['passed'][:-2]} {p['passed']} 个"
            lines.append(f"  {p['parent']}：{p['branches']} 个支部，平均 {p['mean']:.1f} 分{passed}")
        lines += [f"  {c['message']}" for c in s["caps"]]
        if s["incomplete"]:
            names = "、".join(s["incomplete"])
            lines.append(f"  自查未完成（有未作答的项，不列入名单和台账）{len(s['incomplete'])} 个：{names}")
    if summary["frequent_problems"]:
        lines += ["", "最常见的问题："]
        lines += [
            f"  {p['branches']} 个支部：[{p['item']}] {p['text']}（{'、'.join(p['clauses'])}）"
            for p in summary["frequent_problems"]
        ]
    for c in summary["changes"]:
        lines += [
            "",
            f"{c['name']}：{c['from']} → {c['to']}",
            f"  改进 {len(c['improved'])} 项，新出现 {len(c['worse'])} 项，仍未解决 {len(c['still_failing'])} 项",
        ]
    if "sample" in summary:
        s = summary["sample"]
        lines += ["", f"交叉抽查（比例 {_pct(s['ratio'])}，随机种子 {s['seed']}）：{'、'.join(s['branches'])}"]
    return "\n".join(lines) + "\n"
