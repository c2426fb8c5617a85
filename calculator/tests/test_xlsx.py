"""The Excel exports (zhibu/xlsx.py), read back with openpyxl: the same rows as the CSV, typed cells,
text never a formula, the layout an office expects, and the same bytes for the same input."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import sys
from typing import Any

import pytest
from _cases import CASES

from zhibu.answers import read_answers
from zhibu.browser import handle, rollup_handle, rollup_xlsx
from zhibu.cli import run
from zhibu.errors import InputError
from zhibu.report import CSV_HEADER, rectification_rows
from zhibu.rollup import ROLLUP_TABLES, expand, records_in, rollup, summary
from zhibu.rubric import default_rubric
from zhibu.scoring import score
from zhibu.xlsx import result_xlsx
from zhibu.xlsx import rollup_xlsx as rollup_workbook

openpyxl = pytest.importorskip("openpyxl")  # a test dependency (requirements/dev.txt, pyodide-test.txt)
pytest.importorskip("xlsxwriter")

SAMPLE = CASES / "sample-branch.json"


def sample(changes: dict[str, Any] | None = None) -> bytes:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for key, value in (changes or {}).items():
        data[key] = value
    return json.dumps(data, ensure_ascii=False).encode()


def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def values(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_workbook_holds_the_csv_rows_typed() -> None:
    rubric = default_rubric()
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    first = next(iter(data["answers"]))
    data["answers"][first] = {"answer": "未达到", "note": '=HYPERLINK("http://x")；+1'}
    data["rectification"] = {first: {"measure": "-整改", "owner": "@书记", "deadline": "2026-12-31"}}
    result = score(rubric, read_answers(json.dumps(data, ensure_ascii=False).encode(), rubric))
    wb = book(result_xlsx(result))
    assert wb.sheetnames == ["问题与整改清单", "得分"]
    sheet = wb["问题与整改清单"]
    rows = values(sheet)
    csv_rows = [list(CSV_HEADER), *(list(r) for r in rectification_rows(result))]
    assert len(rows) == len(csv_rows) and rows[0] == list(CSV_HEADER)
    for got, want in zip(rows[1:], csv_rows[1:], strict=True):
        for g, w, head in zip(got, want, CSV_HEADER, strict=True):
            if head == "时限" and w:
                assert g == dt.datetime.fromisoformat(w)  # a date, shown yyyy-mm-dd
            else:
                assert g == (w if w != "" else None), head
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == first)
    assert [c.data_type for c in row[3:7]] == ["s", "s", "s", "s"]  # text stays text: no formula
    assert row[3].value.startswith("=HYPERLINK") and row[5].value == "-整改" and row[6].value == "@书记"
    assert row[7].number_format == "yyyy-mm-dd" and row[0].data_type == "n"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:J{len(rows)}"
    assert all(2 < (d.width or 0) <= 62 for d in sheet.column_dimensions.values())
    scores = values(wb["得分"])
    assert scores[0] == ["标准", "作用", "得分", "满分", "结论", "暂定", "已作答", "应作答"]
    assert [(r[0], r[2], r[4]) for r in scores[1:]] == [
        (s.scheme.name, round(s.score, 2), s.verdict.label) for s in result.schemes
    ]


def test_the_same_input_gives_the_same_bytes() -> None:
    rubric = default_rubric()
    result = score(rubric, read_answers(sample(), rubric))
    assert result_xlsx(result) == result_xlsx(result)


def test_the_rollup_workbook_holds_its_tables() -> None:
    rubric = default_rubric()
    s = summary(rollup(expand(records_in("a.json", sample())), rubric), rubric)
    wb = book(rollup_workbook(s, rubric))
    assert wb.sheetnames == ["支部一览", "两张名单", "结论台账", "常见问题", "分数分布", "按上级党组织"]
    for title, name in (("支部一览", "branches"), ("两张名单", "lists"), ("结论台账", "ledgers")):
        want = list(ROLLUP_TABLES[name](s, rubric))
        got = values(wb[title])
        assert got[0] == want[0]
        for g_row, w_row in zip(got[1:], want[1:], strict=True):
            for g, w, head in zip(g_row, w_row, want[0], strict=True):
                expected = float(w) if head.endswith("得分") or head == "问题数" else (w if w != "" else None)
                assert g == expected, (title, head)
    problems = values(wb["常见问题"])
    assert problems[0] == ["自查项", "问题", "支部数", "依据条款"]
    assert [r[0] for r in problems[1:]] == [p["item"] for p in s["frequent_problems"]]
    bands = values(wb["分数分布"])
    assert bands[0] == ["标准", "分数段", "支部数"]
    assert [(b[1], b[2]) for b in bands[1:]] == [
        (b["band"], float(b["branches"])) for x in s["schemes"].values() for b in x["distribution"]
    ]
    parents = values(wb["按上级党组织"])
    assert parents[0] == ["标准", "上级党组织", "支部数", "达标（合格）数", "平均分"]
    want_parents = [
        (p["parent"], float(p["branches"]), p["mean"]) for x in s["schemes"].values() for p in x["by_parent"]
    ]
    assert [(r[1], r[2], r[4]) for r in parents[1:]] == want_parents


def test_the_page_and_the_cli_make_the_same_workbook(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The page asks the worker (zhibu.browser); the CLI writes the same bytes to -o or to stdout.
    monkeypatch.chdir(tmp_path)  # the branch table names each file as it was given: "a.json" in both
    path = tmp_path / "a.json"
    path.write_bytes(sample())
    out = io.BytesIO()

    class Stdout(io.StringIO):
        buffer = out  # a binary file goes to sys.stdout.buffer

    assert run(["score", "--format", "xlsx", str(path)], Stdout(), io.StringIO()) == 0
    reply = json.loads(handle("xlsx", sample().decode()))
    assert reply["ok"] and base64.b64decode(reply["xlsx"]) == out.getvalue()
    target = tmp_path / "r.xlsx"
    assert run(["rollup", "--format", "xlsx", "-o", str(target), "a.json"], io.StringIO(), io.StringIO()) == 0
    rolled = json.loads(rollup_handle(json.dumps({"files": [["a.json", str(path)]]}), lambda *_: None))
    page = json.loads(rollup_xlsx(rolled["json"]))
    assert page["ok"] and base64.b64decode(page["xlsx"]) == target.read_bytes()


def test_without_xlsxwriter_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    rubric = default_rubric()
    result = score(rubric, read_answers(sample(), rubric))
    with pytest.raises(InputError) as err:
        result_xlsx(result)
    assert 'pip install "zhibu[xlsx]"' in err.value.what
    reply = json.loads(handle("xlsx", sample().decode()))
    assert reply["ok"] is False and "XlsxWriter" in reply["problems"][0]["message"]


def test_a_workbook_is_not_written_to_a_terminal(tmp_path: Any) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(sample())
    err = io.StringIO()
    assert run(["score", "--format", "xlsx", str(path)], io.StringIO(), err) == 2  # no byte stream to write to
    assert "请用 -o 文件名" in err.getvalue()
    assert run(["score", "--format", "xlsx", "-o", str(tmp_path / "no" / "x.xlsx"), str(path)], io.StringIO(), err) == 2
    assert "写入文件失败" in err.getvalue()
