"""3,200 malformed answers files (tests/support/corpus.py, fixed seed) through the engine (issue 16).

1. The published schema means what the engine does: python-jsonschema on the schema the site
   publishes decides each file as the engine does, but for a short list of checks a schema cannot
   state (SEMANTIC below, also on the rules page).
2. The command line: every file exits 0, or 2 with Chinese naming the place; never a traceback.
3. The roll-up of the whole corpus at once: every file a row or a listed reason, nothing stops it.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from tests.support.corpus import corpus
from tests.support.selfcheck import field, import_file, open_selfcheck
from zhibu import InputError, default_rubric
from zhibu.answers import parse_json, upgrade
from zhibu.cli import run
from zhibu.errors import Problem
from zhibu.rollup import rollup
from zhibu.rollup.sources import read_records
from zhibu.schema import answers_schema_text

pytestmark = pytest.mark.corpus
RUBRIC = default_rubric()
CORPUS = corpus()
SCHEMA = Draft202012Validator(json.loads(answers_schema_text()), format_checker=FormatChecker())

# What the engine refuses beyond the schema: the checks of meaning a JSON Schema cannot state.
SEMANTIC = (
    "结束日期早于开始日期",
    "自查期不能超过",
    "未知的标准",
    "未知的自查项",
    "不必再作对照",
    "编号含义不同",
    "多于",  # a count larger than the people it counts (plausible.py)
    "党员人数为 0",
    "晚于自查日期",
    "早于自查期开始日期",
    "补齐日期早于出缺日期",
    "请改正其中一项",
    "正式党员人数不能多于",
)
# Refused before there is data for a schema to judge (the text is no JSON the schema can read).
BEFORE_SCHEMA = (
    "不是有效的 JSON",
    "文件不完整",
    "不是 UTF-8",
    "字节顺序标记",
    "JSON 不允许的数值",
    "位数过多",
    "嵌套层数过多",
    "出现了两个",
    "不成对的代理项或空字符",
    "文件太大",
)


def test_the_corpus_has_every_class() -> None:
    assert len(CORPUS) >= 3000
    assert set(Counter(kind for kind, _ in CORPUS)) == {
        "value",
        "delete",
        "extra",
        "text",
        "nest",
        "dup",
        "bytes",
        "newline",
    }


def test_the_published_schema_decides_as_the_engine_does() -> None:
    disagreements: list[str] = []
    problems: tuple[Problem, ...]
    semantic = Counter[str]()
    for n, (kind, body) in enumerate(CORPUS):
        try:
            data = parse_json(body)
        except InputError as err:
            assert all(any(w in p.message for w in BEFORE_SCHEMA) for p in err.problems), (n, err.problems)
            continue
        try:
            upgraded = upgrade(data) if isinstance(data, dict) else data
        except InputError:
            upgraded = data  # no schema_version the engine reads: the schema refuses it too (const 2)
        schema_ok = SCHEMA.is_valid(upgraded)
        try:
            from zhibu import load_answers

            load_answers(data, RUBRIC)
            engine_ok, problems = True, ()
        except InputError as err:
            engine_ok, problems = False, err.problems
        if schema_ok == engine_ok:
            continue
        if schema_ok and all(any(w in p.message for w in SEMANTIC) for p in problems):
            semantic.update(next(w for w in SEMANTIC if w in p.message) for p in problems)
            continue
        disagreements.append(f"#{n} {kind}: schema {'accepts' if schema_ok else 'refuses'}, engine {problems[:2]}")
    assert disagreements == []
    assert semantic  # the corpus does reach the checks of meaning


@pytest.mark.parametrize("part", range(4))
def test_every_file_exits_0_or_2_in_chinese_naming_the_place(tmp_path: Path, part: int) -> None:
    bad: list[str] = []
    for n, (kind, body) in enumerate(CORPUS[part::4]):
        path = tmp_path / f"{n}.json"
        path.write_bytes(body)
        out, err = io.StringIO(), io.StringIO()
        code = run(["score", "--format", "json", str(path)], out, err)
        message = err.getvalue()
        if code == 0:
            json.loads(out.getvalue())  # a result, valid JSON (hence valid UTF-8 text)
            out.getvalue().encode("utf-8")
        elif code != 2 or not re.search(r"^  \$[^:]*: \S", message, re.M) or "Traceback" in message:
            bad.append(f"{kind} #{n}: exit {code}: {message[:200]!r}")
        elif re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", message.split(":", 1)[-1]):  # an English sentence
            bad.append(f"{kind} #{n}: English: {message[:200]!r}")
    assert bad == []


def test_a_rollup_of_the_whole_corpus_never_stops(tmp_path: Path) -> None:
    for n, (_kind, body) in enumerate(CORPUS):
        (tmp_path / f"{n:04d}.json").write_bytes(body)
    r = rollup(read_records([str(tmp_path)]), RUBRIC)
    assert len(r.rows) + len(r.broken) + len(r.duplicates) == len(CORPUS)
    assert all(reason and "Traceback" not in reason and "无法评分" not in reason for _, reason in r.broken)
    out, err = io.StringIO(), io.StringIO()
    for fmt in ("text", "json", "csv"):
        assert run(["rollup", str(tmp_path), "--format", fmt, "--jobs", "2"], out, err) == 0, err.getvalue()


@pytest.mark.browser
def test_the_page_refuses_each_class_as_the_cli_does_and_keeps_what_was_entered(
    page: Page, server: str, tmp_path: Path
) -> None:
    open_selfcheck(page, server)
    field(page, "支部名称").fill("不能丢的支部")
    records = page.locator("#sc-record option").count()
    firsts: dict[str, bytes] = {}
    for kind, body in CORPUS:  # the first file of each class the command line refuses
        path = tmp_path / "probe.json"
        path.write_bytes(body)
        out, err = io.StringIO(), io.StringIO()
        if kind not in firsts and run(["score", str(path)], out, err) == 2:
            firsts[kind] = body
    assert len(firsts) == 8
    for n, (kind, body) in enumerate(firsts.items()):
        path = tmp_path / f"{n}.json"
        path.write_bytes(body)
        out, err = io.StringIO(), io.StringIO()
        run(["score", str(path)], out, err)
        first = err.getvalue().splitlines()[1].strip().split(": ", 1)[1]  # the first problem's words
        import_file(page, path)
        messages = page.locator(".selfcheck-messages")
        expect(messages).to_contain_text("不能导入")
        expect(messages).to_contain_text(first[:40])
        expect(field(page, "支部名称")).to_have_value("不能丢的支部")
        assert page.locator("#sc-record option").count() == records, kind
