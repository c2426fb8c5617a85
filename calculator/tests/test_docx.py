"""The Word report (zhibu/docx.py): read back with python-docx (CPython only: it needs lxml) for the
title, the facts, the verdict, the 问题清单 and the 整改方案 as `zhibu score` gives them; the package
checked with the standard library everywhere (Pyodide included): every part well-formed XML, a
hostile note kept as text, the same bytes for the same input, the page's file equal to the CLI's."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from _cases import CASES

from zhibu.answers import read_answers
from zhibu.browser import handle
from zhibu.cli import run
from zhibu.docx import result_docx
from zhibu.report import rectification_rows, to_text
from zhibu.result import Result
from zhibu.rubric import default_rubric
from zhibu.scoring import score
from zhibu.template import blank_answers

SAMPLE = CASES / "sample-branch.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = '<script>alert("x")</script>&\x01\x0b末尾'
KEPT = '<script>alert("x")</script>&末尾'  # what XML 1.0 allows of it


def sample(edit: Any = None) -> bytes:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if edit:
        edit(data)
    return json.dumps(data, ensure_ascii=False).encode()


def result_of(text: bytes) -> Result:
    rubric = default_rubric()
    return score(rubric, read_answers(text, rubric))


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text in the body, tables included, read with the standard library."""
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


@pytest.fixture(scope="module")
def docx() -> Any:
    return pytest.importorskip("docx")  # python-docx, a test dependency (requirements/dev.txt); needs lxml


def table_with(doc: Any, first: str) -> Any:
    """The table whose header row starts with the cells `first` (joined with |)."""
    for t in doc.tables:
        if "|".join(c.text for c in t.rows[0].cells).startswith(first):
            return t
    raise AssertionError(f"no table {first}")


def test_the_report_holds_what_zhibu_score_says(docx: Any) -> None:
    result = result_of(sample())
    doc = docx.Document(io.BytesIO(result_docx(result)))
    texts = [p.text for p in doc.paragraphs]
    assert doc.paragraphs[0].text == "市示例局机关第一党支部自查报告与整改方案"
    assert doc.paragraphs[0].style.name == "Title"
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "一、基本情况",
        "二、得分与结论",
        f"三、问题清单（{len(result.findings)} 项）",
        "四、整改方案",
        "五、对照标准（仅供参考）",
    ]
    facts = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert facts == {
        "支部名称": "市示例局机关第一党支部",
        "支部类型": "机关",
        "上级党组织": "市示例局机关党委",
        "考核标准": "威海 过硬支部",
        "自查期": "2026年1月1日至2026年12月31日",
        "自查日期": "2026年11月27日",
    }
    # The verdict in the words of the text report; 对照 only for reference.
    lines = to_text(result).splitlines()
    verdict = next(line for line in lines if line.startswith("【考核标准：")).split("】", 1)[1]
    assert any(verdict in t for t in texts)
    compared = next(line for line in lines if line.startswith("【对照：")).split("】", 1)[1]
    assert "苏州市级机关 标准化规范化：" + compared + "。" in texts
    assert any(t.startswith("结论怎样得出：") for t in texts)
    groups = table_with(doc, "序号|方面|得分率")
    assert [r.cells[1].text for r in groups.rows[1:]] == [g.name for g in result.schemes[0].groups]
    # Every finding with its clauses and its note.
    found = table_with(doc, "序号|问题|具体情况|依据条款")
    assert len(found.rows) == len(result.findings) + 1
    for row, f in zip(found.rows[1:], result.findings, strict=True):
        assert row.cells[1].text.startswith(f.outcome.item.text)
        assert row.cells[3].text == "、".join(c.label for c in f.clauses)
        assert f.outcome.message in row.cells[2].text
        assert (f"说明：{f.outcome.note}" in row.cells[2].text) == bool(f.outcome.note)
    # The 整改方案: the CSV's rows, the branch's own measures; blank where none was written.
    plan = table_with(doc, "序号|问题|整改措施|责任人|时限")
    csv = list(rectification_rows(result))
    assert [[c.text for c in r.cells] for r in plan.rows[1:]] == [[str(r[0]), r[2], r[5], r[6], r[7]] for r in csv]
    assert any(r[5] for r in csv) and any(not r[5] and r[8] for r in csv)
    suggested = table_with(doc, "序号|自查项|参考措施")  # the site's measures, labelled, apart
    assert [r.cells[2].text for r in suggested.rows[1:]] == [r[8] for r in csv if r[8]]
    assert "参考措施（本站建议，仅供参考）" in texts
    # The records to keep, problem by problem: the documents' with their clause, the site's marked.
    kept = table_with(doc, "序号|问题|备查材料（出处）")
    with_records = [f for f in result.findings if f.outcome.item.records]
    assert [r.cells[1].text for r in kept.rows[1:]] == [f.outcome.item.text for f in with_records]
    for row, f in zip(kept.rows[1:], with_records, strict=True):
        lines = [p.text for p in row.cells[2].paragraphs]
        assert lines == [f"{r.text}（{r.clause.label if r.clause else '本站建议'}）" for r in f.outcome.item.records]
    assert any(r.clause for f in with_records for r in f.outcome.item.records)  # quoted ones among them
    assert [t for t in texts if t.startswith("附件")] == ["附件1", "附件2"]
    # Signatures; header rows repeated on every page; A4 with the office margins.
    assert "支部书记（签字）：" in texts and any(t.startswith("日期：") for t in texts)
    opinions = [r.cells[0].text for r in table_with(doc, "支部委员会意见").rows]
    assert opinions == ["支部委员会意见", "上级党组织意见"]
    for t in (found, plan, suggested, kept):
        assert t.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    section = doc.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21.0, 29.7), abs=0.01)
    assert (section.top_margin.cm, section.left_margin.cm) == pytest.approx((2.54, 3.17), abs=0.01)
    assert doc.core_properties.created == dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    assert doc.core_properties.title == "市示例局机关第一党支部自查报告与整改方案"


def test_the_fonts_are_those_of_office_documents() -> None:
    z = zipfile.ZipFile(io.BytesIO(result_docx(result_of(sample()))))
    styles = z.read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="黑体"' in styles and 'w:eastAsia="方正小标宋简体"' in styles
    fonts = z.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋"><w:altName w:val="仿宋_GB2312"/>' in fonts
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>' in fonts


def test_a_hostile_note_is_kept_as_text() -> None:
    def edit(data: dict[str, Any]) -> None:
        first = next(iter(data["answers"]))
        data["branch"]["name"] = HOSTILE
        data["answers"][first] = {"answer": "未达到", "note": HOSTILE + "\n第二行"}
        data["rectification"][first] = {"measure": "]]></w:t>" + HOSTILE, "owner": "a&b", "deadline": "2026-12-31"}

    data = result_docx(result_of(sample(edit)))
    z = zipfile.ZipFile(io.BytesIO(data))
    for name in z.namelist():  # every part is well-formed XML
        ET.fromstring(z.read(name))
    texts = paragraphs(data)
    assert texts[0] == f"{KEPT}自查报告与整改方案"
    assert f"说明：{KEPT}第二行" in texts  # the line break is a <w:br/>
    assert "]]></w:t>" + KEPT in texts and "a&b" in texts
    document = z.read("word/document.xml")
    assert b"<script>" not in document and b"\x01" not in document and b"\x0b" not in document


def test_a_hostile_note_reads_back_with_python_docx(docx: Any) -> None:
    def edit(data: dict[str, Any]) -> None:
        first = next(iter(data["answers"]))
        data["answers"][first] = {"answer": "未达到", "note": HOSTILE}

    doc = docx.Document(io.BytesIO(result_docx(result_of(sample(edit)))))
    found = table_with(doc, "序号|问题|具体情况")
    assert any(f"说明：{KEPT}" in r.cells[2].text for r in found.rows)


def test_the_same_input_gives_the_same_bytes() -> None:
    first = result_docx(result_of(sample()))
    assert first == result_docx(result_of(sample()))
    z = zipfile.ZipFile(io.BytesIO(first))
    assert z.namelist()[0] == "[Content_Types].xml"
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b'<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-27T00:00:00Z' in z.read("docProps/core.xml")
    assert {"word/settings.xml", "word/styles.xml", "docProps/app.xml", "word/_rels/document.xml.rels"} <= set(
        z.namelist()
    )


def test_without_problems_the_report_says_so() -> None:
    rubric = default_rubric()
    data = blank_answers(rubric, "机关", dt.date(2026, 6, 30))
    data["branch"]["name"] = "空白支部"
    result = result_of(json.dumps(data, ensure_ascii=False).encode())
    assert not result.findings and len(result.schemes) == 1
    texts = paragraphs(result_docx(result))
    assert "本次自查没有发现问题。" in texts and "没有需要整改的问题。" in texts
    assert not [t for t in texts if "对照标准" in t or "参考措施" in t]


def test_the_page_and_the_cli_make_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(sample())
    out = io.BytesIO()

    class Stdout(io.StringIO):
        buffer = out  # a binary file goes to sys.stdout.buffer

    assert run(["score", "--format", "docx", str(path)], Stdout(), io.StringIO()) == 0
    reply = json.loads(handle("docx", sample().decode()))
    assert reply["ok"] and set(reply) == {"ok", "docx"}
    assert base64.b64decode(reply["docx"]) == out.getvalue()
    target = tmp_path / "r.docx"
    assert run(["score", "--format", "docx", "-o", str(target), str(path)], io.StringIO(), io.StringIO()) == 0
    assert target.read_bytes() == out.getvalue()
    assert json.loads(handle("docx", "{}"))["ok"] is False  # a wrong file: its problems, no file


def test_the_cli_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(sample())
    err = io.StringIO()
    assert run(["score", "--format", "docx", str(path)], io.StringIO(), err) == 2  # no byte stream to write to
    assert err.getvalue() == "Word 文件（.docx）不能显示在终端上：请用 -o 文件名 写入文件，或重定向到文件\n"
    err = io.StringIO()
    assert run(["score", "--format", "docx", "-o", str(tmp_path / "no" / "x.docx"), str(path)], io.StringIO(), err) == 2
    assert err.getvalue().startswith("写入文件失败：")
    bad = tmp_path / "bad.json"
    bad.write_bytes(sample(lambda d: d["branch"].update(name="")))
    err = io.StringIO()
    assert run(["score", "--format", "docx", "-o", str(tmp_path / "x.docx"), str(bad)], io.StringIO(), err) == 2
    assert "$.branch.name: 不能为空" in err.getvalue() and not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (a second reader, optional)")
def test_libreoffice_reads_it(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(result_docx(result_of(sample())))
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    text = (tmp_path / "report.txt").read_text(encoding="utf-8-sig")
    assert done.returncode == 0 and text.startswith("市示例局机关第一党支部自查报告与整改方案")
    assert "四、整改方案" in text and "上级党组织意见" in text
