"""Read an answers file: size, JSON, version, schema, then meaning — every problem with its path."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from typing import Any

from .errors import InputError, Problem, child
from .model import ANSWERS, SCHEMA_VERSION, Answer, Assessment, Rectification, Rubric
from .plausible import doubtful, impossible
from .schema import answers_validator

MAX_BYTES = 2_000_000
MAX_PERIOD_YEARS = 5  # a self-check covers a year; five bound what a report prints
PLAIN = {value: Answer(value) for value in ANSWERS}  # an answer without a note: shared, not made per item


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 listed `schemes`, all scored alike; version 2 names the one `standard` the branch is
    assessed by and the others it is compared with. The first listed becomes the standard (the
    schema then judges what it holds, and _v1_path names it as the version 1 file does)."""
    out = {k: v for k, v in data.items() if k != "schemes"}
    out["schema_version"] = 2
    schemes = data.get("schemes")
    if isinstance(schemes, list) and schemes:
        out["standard"] = schemes[0]
        out["compare"] = [s for s in schemes[1:] if s != schemes[0]]
    elif schemes is not None and schemes != []:
        out["standard"] = schemes
    return out


def _v1_path(path: str) -> str:
    """A problem found after the upgrade, at the path of the version 1 file the secretary has."""
    if path == "$.standard":
        return "$.schemes"
    if path.startswith("$.compare["):
        index, _, rest = path.removeprefix("$.compare[").partition("]")
        return f"$.schemes[{int(index) + 1}]{rest}"
    return path


# Upgrades from an older schema_version to the next one, as pure functions on the parsed JSON:
# a file of any version this engine ever wrote is read; a version it never wrote is refused.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
# How a path in the upgraded file reads in a file of an older version.
OLD_PATHS: dict[int, Callable[[str], str]] = {1: _v1_path}


class _NotANumberError(ValueError):
    """A number JSON has no finite value for: NaN, Infinity, or a literal too large for a float (1e400)."""


def _reject_constant(name: str) -> Any:
    raise _NotANumberError(name)


def _finite(literal: str) -> float | int:
    """A JSON number with a fraction or exponent: finite only; a whole one (18.0, 1e2) is the integer
    it equals, as JSON Schema counts it (draft 2020-12: 1.0 is an integer)."""
    value = float(literal)
    if not math.isfinite(value):
        raise _NotANumberError(literal)
    return int(value) if value.is_integer() else value


class _DuplicateKeyError(ValueError):
    """An object names the same key twice (JSON allows it; which one counts is undefined)."""


class _Twice(dict[str, Any]):
    """An object that named a key twice (the key in `twice`): made only to find where it is."""

    twice = ""


def _marking(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    marked = _Twice(out)
    seen: set[str] = set()
    marked.twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return marked


def _duplicate_at(text: str) -> str:
    """The path of the first key named twice (read again, only when there is one)."""
    stack: list[tuple[Any, str]] = [(json.loads(text, object_pairs_hook=_marking), "$")]
    while stack:
        node, path = stack.pop(0)
        if isinstance(node, _Twice):
            return child(path, node.twice)
        if isinstance(node, dict):
            stack.extend((v, child(path, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, child(path, i)) for i, v in enumerate(node))
    return "$"


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        raise _DuplicateKeyError(next(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return out


# A string holding a lone surrogate (\ud800) or NUL cannot be written out as UTF-8 text or to a
# CSV cell: only escapes can put one there, so the text is searched only when it has such an escape.
_ODD_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")
_ODD_CHAR = re.compile("[\ud800-\udfff\x00]")
_ODD = "含有无效字符（不成对的代理项或空字符），请删去后重新输入"


def _odd_strings(data: Any) -> list[Problem]:
    """Strings and keys with a lone surrogate or NUL, each at its path (iterative: any depth)."""
    out: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if _ODD_CHAR.search(key):
                    out.append(Problem(path, "有一个名称" + _ODD))
                else:
                    stack.append((value, child(path, key)))
        elif isinstance(node, list):
            stack.extend((value, child(path, i)) for i, value in enumerate(node))
        elif isinstance(node, str) and _ODD_CHAR.search(node):
            out.append(Problem(path, _ODD))
    return sorted(out, key=lambda p: p.path)


def too_large(size: int) -> InputError:
    """The message for a file of `size` bytes over MAX_BYTES (its real size, where the reader knows it)."""
    return InputError([Problem("$", f"文件太大（{size / 1e6:.1f} MB），自查文件不应超过 {MAX_BYTES // 1_000_000} MB")])


def parse_json(text: str | bytes) -> Any:
    """JSON text → data, refusing oversized input, NaN/Infinity/1e400, huge integers and broken JSON in Chinese."""
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_BYTES:
        raise too_large(size)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError([Problem("$", "不是 UTF-8 编码的文本文件")]) from None
    else:
        text = text.removeprefix("\ufeff")
    if text.startswith("\ufeff"):
        raise InputError([Problem("$", "文件开头有两个字节顺序标记（BOM），不是本站或常用编辑器保存的格式")])
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_finite, object_pairs_hook=_object)
    except RecursionError:
        raise InputError([Problem("$", "嵌套层数过多，不是自查文件")]) from None
    except _DuplicateKeyError as err:
        raise InputError([Problem(_duplicate_at(text), f"同一处出现了两个“{err}”，请只保留一个")]) from None
    except json.JSONDecodeError as err:
        where = f"第 {err.lineno} 行第 {err.colno} 列"
        if err.pos >= len(text.rstrip()):
            raise InputError([Problem("$", f"文件不完整（在{where}意外结束），可能没有保存完或被截断")]) from None
        raise InputError([Problem("$", f"不是有效的 JSON 文件（{where}）")]) from None
    except _NotANumberError as err:
        raise InputError([Problem("$", f"含有 JSON 不允许的数值 {err}")]) from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise InputError([Problem("$", "含有位数过多的整数（超过 4300 位）")]) from None
    if _ODD_ESCAPE.search(text):  # rare: only then is every string looked at
        problems = _odd_strings(data)
        if problems:
            raise InputError(problems)
    return data


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older file to SCHEMA_VERSION, or refuse it with a clear message."""
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        hint = "缺少此项" if version is None else "应为整数"
        raise InputError([Problem("$.schema_version", f"{hint}（这是本站导出的自查文件吗？）")])
    if version > SCHEMA_VERSION:
        raise InputError(
            [
                Problem(
                    "$.schema_version",
                    f"文件由更新版本的程序创建（格式第 {version if version < 1000 else '？'} 版），"
                    f"本程序只能读第 {SCHEMA_VERSION} 版，请使用更新的版本",
                )
            ]
        )
    while version < SCHEMA_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise InputError([Problem("$.schema_version", f"格式第 {version} 版太旧，无法自动升级")])
        data = step(data)
        version = data["schema_version"]
    return data


def _semantic(data: dict[str, Any], rubric: Rubric) -> list[Problem]:
    """What a schema cannot say: dates in order, known schemes and items, compatible rubric,
    facts that can be true together (plausible.py)."""
    out: list[Problem] = []
    major = data["rubric_version"].split(".")[0]
    if major != rubric.version.split(".")[0]:
        out.append(
            Problem(
                "$.rubric_version",
                f"文件按自查规则 {data['rubric_version']} 填写，"
                f"与当前规则 {rubric.version} 的编号含义不同，不能直接评分",
            )
        )
    period = data["period"]
    if period["start"] > period["end"]:
        out.append(Problem("$.period.end", "结束日期早于开始日期"))
    elif (
        int(period["end"][:4]) * 12
        + int(period["end"][5:7])
        - int(period["start"][:4]) * 12
        - int(period["start"][5:7])
        >= 12 * MAX_PERIOD_YEARS
    ):
        out.append(Problem("$.period.end", f"自查期不能超过 {MAX_PERIOD_YEARS} 年"))
    known = "、".join(rubric.schemes)
    if data["standard"] not in rubric.schemes:
        out.append(Problem("$.standard", f"未知的标准“{data['standard']}”，可用：{known}"))
    for i, scheme in enumerate(data.get("compare", [])):
        if scheme not in rubric.schemes:
            out.append(Problem(child("$.compare", i), f"未知的标准“{scheme}”，可用：{known}"))
        elif scheme == data["standard"]:
            out.append(Problem(child("$.compare", i), "与考核标准（standard）相同，不必再作对照"))
    for section in ("answers", "rectification"):
        for item_id in data.get(section, {}):
            if item_id not in rubric.items and item_id not in rubric.retired:
                out.append(Problem(child(f"$.{section}", item_id), "未知的自查项"))
    out.extend(impossible(data))
    return out


def _retired(data: dict[str, Any], rubric: Rubric) -> list[Problem]:
    """Answers to items withdrawn since the file was filled in: kept in the file, not counted."""
    why = "该自查项已停用（已拆分或改为按基本情况计算），这一项的评价不计入，请按新的自查项评价"
    return [
        Problem(child("$.answers", item_id), why) for item_id in data.get("answers", {}) if item_id in rubric.retired
    ]


def _clean(node: Any) -> Any:
    """Drop nulls so that a fact left empty reads as not given (a call only for what holds more)."""
    if isinstance(node, dict):
        return {k: _clean(v) if isinstance(v, (dict, list)) else v for k, v in node.items() if v is not None}
    return [_clean(v) if isinstance(v, (dict, list)) else v for v in node]


def load_answers(data: Any, rubric: Rubric) -> Assessment:
    """Validate parsed JSON against the schema and the rubric; return the assessment."""
    if not isinstance(data, dict):
        raise InputError([Problem("$", "应为 JSON 对象（{…}），这不是自查文件")])
    version = data.get("schema_version")
    data = upgrade(data)
    validator = answers_validator()
    problems = [] if validator.valid(data) else validator.problems(data)  # the quick yes/no first
    problems = problems or _semantic(data, rubric)
    if problems:
        old = OLD_PATHS.get(version) if isinstance(version, int) else None
        raise InputError([Problem(old(p.path), p.message) for p in problems] if old else problems)
    facts = _clean(data.get("facts") or {})
    answers = data.get("answers", {})
    return Assessment(
        schema_version=data["schema_version"],
        rubric_version=data["rubric_version"],
        branch_name=data["branch"]["name"],
        branch_type=data["branch"]["type"],
        parent=data["branch"].get("parent", ""),
        period_start=dt.date.fromisoformat(data["period"]["start"]),
        period_end=dt.date.fromisoformat(data["period"]["end"]),
        check_date=dt.date.fromisoformat(data["check_date"]),
        schemes=(data["standard"], *data.get("compare", ())),
        facts=facts,
        answers={
            k: Answer(v["answer"], v["note"]) if v.get("note") else PLAIN[v["answer"]] for k, v in answers.items()
        },
        rectification={k: Rectification(**v) for k, v in data.get("rectification", {}).items()},
        warnings=(*_retired(data, rubric), *doubtful(data)),
    )


def read_answers(text: str | bytes, rubric: Rubric) -> Assessment:
    """An answers file's text → assessment (InputError with paths on anything wrong)."""
    return load_answers(parse_json(text), rubric)
