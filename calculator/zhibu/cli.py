"""The `zhibu` command: run(argv, stdout, stderr) -> exit code, with a thin main().

Exit 0 on success, 2 on bad input (a Chinese message naming each field by its
JSON path), never a traceback for a user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NoReturn

from ._version import __version__
from .answers import MAX_BYTES, read_answers, too_large
from .errors import InputError
from .model import BRANCH_TYPES, Item, Rubric
from .plan import FORMATS as PLAN_FORMATS
from .plan import default_year, plan_problems, year_plan
from .report import clause_url, record_text, table_text, to_csv, to_json, to_text, write_table
from .rollup import ROLLUP_TABLES, collect, read_records, rollup_text, score_all, write_rollup_json
from .rollup import summary as rollup_summary
from .rubric import default_rubric, rubric_json
from .rules import REGISTRY
from .scoring import score
from .template import blank_answers

EXIT_OK, EXIT_INPUT = 0, 2
STANDARD_HELP = "上级党组织考核本支部所依据的标准（默认：为该类型支部制定的第一个标准）"  # template, plan


class UsageError(Exception):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


OUTPUT_HELP = "写入文件（默认：标准输出；xlsx、docx 在终端上须指定）"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="zhibu", description="党支部自查评分（与网站自查页使用同一引擎）")
    p.add_argument("--version", action="version", version=f"zhibu {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("score", help="对自查文件评分")
    s.add_argument("file", help="自查文件（JSON）；- 表示标准输入")
    s.add_argument(
        "--format",
        choices=("text", "json", "csv", "xlsx", "docx"),
        default="text",
        help="text 报告、json 结果、csv 整改清单、xlsx 问题与整改清单和得分（Excel；需要 XlsxWriter）、"
        "docx 自查报告与整改方案（Word）",
    )
    s.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    r = sub.add_parser("rubric", help="导出自查规则（全部自查项与标准）")
    r.add_argument("--format", choices=("json", "csv"), default="json")
    t = sub.add_parser("template", help="生成空白自查文件")
    t.add_argument("--type", required=True, choices=BRANCH_TYPES, help="支部类型")
    t.add_argument("--standard", help=STANDARD_HELP)
    t.add_argument("--compare", help="另外对照的标准，逗号分隔（可选）")
    n = sub.add_parser(
        "plan",
        help="生成年度工作计划（标准中有频次要求的会议和活动，逐月排出；日期为本站默认）",
        description="按自查规则中有频次的要求（每月、每季度、每半年、每年至少几次）生成支部的年度工作计划，"
        "每条注明依据的条款。文件没有规定日期，计划中的日期都是本站默认的安排。",
    )
    n.add_argument("--type", required=True, help="支部类型：" + "、".join(BRANCH_TYPES))
    n.add_argument("--standard", help=STANDARD_HELP)
    n.add_argument("--compare", help="另外对照的标准，逗号分隔（可选；其要求标〔对照〕）")
    n.add_argument("--year", help="计划的年份，1900—2099（默认：今年；12 月里默认为明年）")
    n.add_argument(
        "--format",
        choices=tuple(PLAN_FORMATS),
        default="text",
        help="text 可打印的文字（按月）、ics 日历文件（手机、Outlook 可导入）、json 数据",
    )
    n.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认：标准输出）")
    c = sub.add_parser(
        "compare",
        help="两次自查对比：已解决、有改善、更差了、新出现、两次都有的问题，以及可以带入本次的整改",
        description="同一个支部的两份自查文件，先给上次的、再给本次的；按自查项编号逐项比较。",
    )
    c.add_argument("earlier", help="上次的自查文件（JSON）")
    c.add_argument("later", help="本次的自查文件（JSON）")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认：标准输出）")
    sub.add_parser("schema", help="打印自查文件的 JSON Schema")
    u = sub.add_parser("rollup", help="汇总多个支部的自查文件（两张名单、达标比例、定级上限、台账）")
    u.add_argument("paths", nargs="+", help="自查文件、JSON Lines 文件（.jsonl，每行一份）或文件夹")
    u.add_argument(
        "--format",
        choices=("text", "json", "csv", "xlsx"),
        default="text",
        help="csv 为一张表（见 --table）；xlsx 为全部表格和常见问题（Excel；需要 XlsxWriter）",
    )
    u.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)
    u.add_argument("--sample", type=float, help="随机抽取的比例（0–1），用于交叉抽查")
    u.add_argument("--seed", type=int, default=0, help="抽样的随机种子（公布后可复核）")
    u.add_argument(
        "--table",
        choices=ROLLUP_TABLES,
        default="branches",
        help="--format csv 时导出哪张表：branches 支部一览、lists 两张名单、ledgers 结论台账",
    )
    u.add_argument(
        "--first-grading",
        action="store_true",
        help="本次汇总是首次定级：检查文件只对首次定级规定的比例上限（合肥：首次定级“A”的不超过10%%）",
    )
    u.add_argument("--jobs", type=int, help="并行评分的进程数（默认每个 CPU 核一个）")
    return p


def _read(path: str, stdin: IO[str]) -> bytes:
    if path == "-":
        return stdin.buffer.read(MAX_BYTES + 1) if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
    file = Path(path)
    if not file.is_file():
        raise InputError([], what=f"找不到文件 {path}")
    size = file.stat().st_size
    if size > MAX_BYTES:  # said with its real size, and never read
        raise too_large(size)
    with file.open("rb") as f:
        return f.read(MAX_BYTES + 1)  # one byte more tells a file that grew meanwhile


def rubric_csv(rubric: Rubric) -> str:
    """Every item with its clauses, rule and the schemes that use it, as a standards export."""
    used: dict[str, list[str]] = {}
    for s in rubric.schemes.values():
        for g in s.groups:
            for e in g.entries:
                used.setdefault(e.item, []).append(f"{s.name}/{g.name}" + ("（一票否决）" if e.must_pass else ""))
    header = ("编号", "自查项", "主题", "依据条款", "链接", "规则", "建议整改措施", "所属标准", "备查材料")
    return table_text([header, *(_rubric_row(item, used) for item in rubric.items.values())])


def _rubric_row(item: Item, used: dict[str, list[str]]) -> tuple[str, ...]:
    rules = "；".join(REGISTRY[r.kind].describe(r.params) for r in item.rules) or "自评"
    return (
        item.id,
        item.text,
        item.topic,
        "；".join(c.label for c in item.clauses),
        " ".join(clause_url(c) for c in item.clauses),
        rules,
        item.measure,
        "；".join(used.get(item.id, [])),
        "；".join(record_text(r) for r in item.records),
    )


def _plan(args: argparse.Namespace, rubric: Rubric, stdout: IO[str], stderr: IO[str]) -> int:
    """`zhibu plan`: the year's plan as text, iCalendar or JSON, to stdout or to a file (the same bytes)."""
    compare = [s.strip() for s in (args.compare or "").split(",") if s.strip()]
    year: object = default_year(dt.date.today()) if args.year is None else args.year
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    problems = plan_problems(rubric, args.type, year, args.standard, compare)
    if problems or not isinstance(year, int):
        stderr.write("".join(f"{p.message}\n" for p in problems))
        return EXIT_INPUT
    text = PLAN_FORMATS[args.format](year_plan(rubric, args.type, year, args.standard, compare), rubric)
    if args.output:
        return _to_file(text.encode("utf-8"), args.output, stderr)
    binary = getattr(stdout, "buffer", None)
    if args.format == "ics" and binary is not None:  # CRLF as written: a text stream on Windows would add CRs
        stdout.flush()
        binary.write(text.encode("utf-8"))
    else:
        stdout.write(text)
    return EXIT_OK


def _to_file(data: bytes, output: str, stderr: IO[str]) -> int:
    try:
        Path(output).write_bytes(data)
    except OSError as err:
        stderr.write(f"写入文件失败：{err.strerror or err}（{output}）\n")
        return EXIT_INPUT
    return EXIT_OK


BINARY_NAMES = {"xlsx": "Excel 文件（.xlsx）", "docx": "Word 文件（.docx）"}


def _binary_out(kind: str, data: bytes, output: str | None, stdout: IO[str], stderr: IO[str]) -> int:
    """A binary file (`kind` xlsx or docx) to -o FILE, or to standard output's bytes when it is a pipe or a file."""
    if output:
        return _to_file(data, output, stderr)
    binary = getattr(stdout, "buffer", None)
    if binary is None or stdout.isatty():
        stderr.write(f"{BINARY_NAMES[kind]}不能显示在终端上：请用 -o 文件名 写入文件，或重定向到文件\n")
        return EXIT_INPUT
    stdout.flush()
    binary.write(data)
    return EXIT_OK


def run(argv: Sequence[str], stdout: IO[str], stderr: IO[str], stdin: IO[str] | None = None) -> int:
    try:
        args = _parser().parse_args(list(argv))
    except UsageError as err:
        stderr.write(f"命令行参数有误：{err}\n用法见 zhibu --help\n")
        return EXIT_INPUT
    except SystemExit as done:  # --help / --version printed their text
        return int(done.code or 0)
    rubric = default_rubric()
    try:
        if args.command == "score":
            assessment = read_answers(_read(args.file, stdin or sys.stdin), rubric)
            result = score(rubric, assessment)
            if args.format == "xlsx":
                from .xlsx import result_xlsx

                return _binary_out("xlsx", result_xlsx(result), args.output, stdout, stderr)
            if args.format == "docx":
                from .docx import result_docx

                return _binary_out("docx", result_docx(result), args.output, stdout, stderr)
            made = {"text": to_text, "json": to_json, "csv": to_csv}[args.format](result)
            if args.output:
                return _to_file(made.encode("utf-8"), args.output, stderr)
            stdout.write(made)
        elif args.command == "rubric":
            stdout.write(rubric_json() if args.format == "json" else rubric_csv(rubric))
        elif args.command == "template":
            compare = args.compare.split(",") if args.compare else []
            unknown = [s for s in [args.standard or "", *compare] if s and s not in rubric.schemes]
            if unknown:
                stderr.write(f"未知的标准：{'、'.join(unknown)}；可用：{'、'.join(rubric.schemes)}\n")
                return EXIT_INPUT
            data = blank_answers(rubric, args.type, dt.date.today(), args.standard, compare)
            stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif args.command == "compare":
            from .compare import compare as compare_results
            from .compare import comparison_json, comparison_text

            results = []
            for which, path in (("上次的", args.earlier), ("本次的", args.later)):
                try:
                    results.append(score(rubric, read_answers(_read(path, stdin or sys.stdin), rubric)))
                except InputError as err:
                    err.what = which + err.what
                    raise
            made = (comparison_json if args.format == "json" else comparison_text)(compare_results(*results))
            if args.output:
                return _to_file(made.encode("utf-8"), args.output, stderr)
            stdout.write(made)
        elif args.command == "plan":
            return _plan(args, rubric, stdout, stderr)
        elif args.command == "rollup":
            if args.sample is not None and not 0 < args.sample <= 1:
                stderr.write("--sample 应在 0 与 1 之间\n")
                return EXIT_INPUT
            if args.jobs is not None and args.jobs < 1:
                stderr.write("--jobs 应为正整数\n")
                return EXIT_INPUT
            collected = collect(score_all(read_records(args.paths), rubric, args.jobs), rubric)
            summary = rollup_summary(collected, rubric, args.sample, args.seed, args.first_grading)
            if args.format == "xlsx":
                from .xlsx import rollup_xlsx

                return _binary_out("xlsx", rollup_xlsx(summary, rubric), args.output, stdout, stderr)
            out = io.StringIO() if args.output else stdout
            if args.format == "csv":
                write_table(ROLLUP_TABLES[args.table](summary, rubric), out)
            elif args.format == "json":
                write_rollup_json(summary, out)
            else:
                out.write(rollup_text(summary, rubric))
            if isinstance(out, io.StringIO) and args.output:
                return _to_file(out.getvalue().encode("utf-8"), args.output, stderr)
        else:
            from .schema import answers_schema_text

            stdout.write(answers_schema_text())
    except InputError as err:
        stderr.write((err.report() if err.problems else err.what) + "\n")
        return EXIT_INPUT
    except BrokenPipeError:  # the reader stopped early (`zhibu rollup … | head`): not an error
        return EXIT_OK
    except OSError as err:
        stderr.write(f"读取文件失败：{err.strerror or err}\n")
        return EXIT_INPUT
    return EXIT_OK


def main() -> None:
    code = run(sys.argv[1:], sys.stdout, sys.stderr, sys.stdin)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # Python would print a warning when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
