"""Files from many hands and tools (issue 16): each refused in Chinese at its place, or scored.

Each case is one class of the corpus that once crashed the engine or slipped through: deep
nesting, dates at the calendar's edge, huge numbers, lone surrogates and NUL, duplicate keys,
whole numbers written 18.0, a period of centuries.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from _cases import CASES

from zhibu.cli import run

SAMPLE_TEXT = (CASES / "sample-branch.json").read_text(encoding="utf-8")
COMPACT = json.dumps(json.loads(SAMPLE_TEXT), ensure_ascii=False)  # one space after each colon


def variant(old: str, new: str) -> bytes:
    assert old in COMPACT, old
    return COMPACT.replace(old, new, 1).encode("utf-8")


def score(tmp_path: Path, content: bytes) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    code = run(["score", "--format", "json", str(path)], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("content", "place", "words"),
    [
        (variant('"start": "2026-01-01"', '"start": "9999-01-01"'), "$.period.start", "1900 年至 2099 年"),
        (variant('"last": "2023-12-20"', '"last": "9999-12-31"'), "$.facts.election.last", "1900 年至 2099 年"),
        (variant('"start": "2026-01-01"', '"start": "1900-01-01"'), "$.period.end", "自查期不能超过 5 年"),
        (variant('"households": null', '"households": 1' + "0" * 309), "$.facts.funds.households", "不能大于"),
        (variant('"operating": null', '"operating": 1' + "0" * 400), "$.facts.funds.operating", "不能大于"),
        (variant('"operating": null', '"operating": 1e400'), "$", "JSON 不允许的数值"),
        (variant("市示例局机关第一党支部", "\\ud800支部"), "$.branch.name", "不成对的代理项"),
        (variant("市示例局机关党委", "\\udc80"), "$.branch.parent", "不成对的代理项"),
        (variant("市示例局机关党委", "机关\\u0000党委"), "$.branch.parent", "空字符"),
        (variant('"schema_version": 2', '"schema_version": 99, "schema_version": 2'), "$.schema_version", "两个"),
        (variant('"full": 18', '"full": 18, "full": 19'), "$.facts.members.full", "两个“full”"),
        (b"\xef\xbb\xbf\xef\xbb\xbf" + COMPACT.encode("utf-8"), "$", "两个字节顺序标记"),
    ],
)
def test_refused_in_chinese_at_its_place(tmp_path: Path, content: bytes, place: str, words: str) -> None:
    code, out, err = score(tmp_path, content)
    assert (code, out) == (2, ""), err
    assert f"  {place}: " in err and words in err and "Traceback" not in err


@pytest.mark.parametrize(
    "content", [b"[" * 1500 + b"]" * 1500, b'{"branch": ' + b"[" * 5000 + b"]" * 5000 + b"}"], ids=["list", "branch"]
)
def test_deep_nesting_is_refused_whatever_the_parser_manages(tmp_path: Path, content: bytes) -> None:
    # CPython's parser gives up (嵌套层数过多); Pyodide's reads it, and the schema refuses what it read.
    code, out, err = score(tmp_path, content)
    assert (code, out) == (2, "") and "Traceback" not in err
    assert "嵌套层数过多" in err or "$: 应为 JSON 对象" in err or "$.schema_version: 缺少此项" in err


@pytest.mark.parametrize("literal", ["18.0", "1.8e1", "18e0"])
def test_a_whole_number_written_with_a_fraction_is_that_integer(tmp_path: Path, literal: str) -> None:
    # JSON Schema (draft 2020-12) counts 18.0 as an integer; so does the engine, as the schema it publishes.
    code, out, err = score(tmp_path, variant('"full": 18', f'"full": {literal}'))
    assert (code, err) == (0, "")
    assert out == score(tmp_path, COMPACT.encode("utf-8"))[1]


def test_every_count_and_amount_has_a_bound() -> None:
    from zhibu.facts import FACTS

    unbounded = [f.path for f in FACTS if f.kind in ("count", "amount") and f.maximum is None]
    unbounded += [f"{f.path}.{c.name}" for f in FACTS for c in f.columns if c.kind == "count" and c.maximum is None]
    assert unbounded == []
