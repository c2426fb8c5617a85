"""The `zhibu` command: run(argv, stdout, stderr) with StringIO, no subprocess."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from _cases import CASES

from zhibu.cli import run

SAMPLE = CASES / "sample-branch.json"


def call(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err, io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_score_text_report() -> None:
    code, out, err = call("score", str(SAMPLE))
    assert (code, err) == (0, "")
    assert out.startswith("支部自查结果：市示例局机关第一党支部（机关）\n")
    assert "【考核标准：威海 过硬支部】得分" in out and "【对照：苏州市级机关 标准化规范化】得分" in out
    assert "另有 2 项只适用于其他类型的支部，未列入、不计分" in out  # jfbz.15 (villages…) and jfbz.07 (两新)
    assert "<img src=x onerror=alert(1)>" in out  # plain text, as typed


def test_score_json_is_byte_identical_and_independent_of_key_order() -> None:
    _, first, _ = call("score", "--format", "json", str(SAMPLE))
    _, second, _ = call("score", "--format", "json", str(SAMPLE))
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    shuffled = json.dumps(dict(reversed(list(data.items()))), ensure_ascii=False)
    _, third, _ = call("score", "--format", "json", "-", stdin=shuffled)
    assert first == second == third
    assert json.loads(first)["schemes"][0]["id"] == "weihai"


def test_score_csv_is_the_rectification_list_for_excel() -> None:
    code, out, _ = call("score", "--format", "csv", str(SAMPLE))
    assert code == 0 and out.startswith(
        "\ufeff序号,自查项,问题,说明,依据条款,整改措施,责任人,时限,参考措施,备查材料\r\n"
    )
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    planned = [r for r in rows[1:] if r[6] == "支部书记"]
    assert planned and planned[0][5] == "年底前补齐" and planned[0][7] == "2026-12-31"
    # The notes go with their problems; a measure left blank stays blank, the suggestion apart.
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    noted = {k: v["note"] for k, v in data["answers"].items() if v.get("note")}
    assert noted and all(r[3] == noted[r[1]] for r in rows[1:] if r[1] in noted)
    unplanned = [r for r in rows[1:] if r[1] not in data["rectification"]]
    assert unplanned and all(r[5] == "" and r[8] for r in unplanned)


def test_bad_field_exits_2_naming_the_path(tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["facts"]["members"]["full"] = -3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert call("score", str(bad)) == (2, "", "自查文件有 1 处问题：\n  $.facts.members.full: 应为非负整数\n")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "文件不完整"),
        (b"\x00\x01\x02garbage", "不是有效的 JSON 文件"),
        (b"\xff\xfe\x00x", "不是 UTF-8 编码的文本文件"),
        (b'{"schema_version": 1, "rubric_version": "1.0.0"', "文件不完整"),
        (b"[1, 2, 3]", "这不是自查文件"),
    ],
)
def test_broken_files_exit_2_without_a_traceback(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    code, out, err = call("score", str(path))
    assert code == 2 and out == "" and expected in err and "Traceback" not in err


def test_missing_file_and_bad_arguments() -> None:
    assert call("score", "/nonexistent/answers.json") == (2, "", "找不到文件 /nonexistent/answers.json\n")
    code, _, err = call("score")
    assert code == 2 and err.startswith("命令行参数有误：")
    code, _, err = call("template", "--type", "公司")
    assert code == 2 and err.startswith("命令行参数有误：")


def test_template_is_a_valid_starting_point() -> None:
    code, out, _ = call("template", "--type", "农村")
    data = json.loads(out)
    # The first standard written for 农村 (the branch's 上级党组织 may name another: --standard).
    assert code == 0 and data["branch"]["type"] == "农村" and data["standard"] == "weihai" and data["compare"] == []
    code, out2, _ = call("template", "--type", "农村", "--standard", "shandong", "--compare", "weihai")
    assert (json.loads(out2)["standard"], json.loads(out2)["compare"]) == ("shandong", ["weihai"])
    code, _, err = call("template", "--type", "农村", "--standard", "nope")
    assert code == 2 and err.startswith("未知的标准：nope")
    # Blank name is the only thing a secretary must fill before it scores.
    code, _, err = call("score", "-", stdin=out)
    assert (code, err) == (2, "自查文件有 1 处问题：\n  $.branch.name: 不能为空\n")
    data["branch"]["name"] = "某村党支部"
    code, out, _ = call("score", "-", stdin=json.dumps(data, ensure_ascii=False))
    assert code == 0 and "（暂定：尚有未作答或进行中的项）" in out


def test_rollup_checks_the_first_grading_cap_only_when_told(tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["standard"], data["compare"] = "hefei", []
    data["answers"] = {}  # nothing judged: graded D, the cap of A not reached
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, later, _ = call("rollup", str(path))
    assert "此上限只适用于首次定级，本次汇总未标明为首次定级，不检查" in later
    code, first, err = call("rollup", str(path), "--first-grading")
    assert (code, err) == (0, "") and "允许 0 个，未超出（本次为首次定级）" in first


def test_rubric_exports() -> None:
    code, out, _ = call("rubric")
    rubric = json.loads(out)
    assert code == 0 and {s["id"] for s in rubric["schemes"]} == {"weihai", "shhg", "suzhou", "hefei", "shandong"}
    code, out, _ = call("rubric", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["编号", "自查项", "主题", "依据条款", "链接", "规则", "建议整改措施", "所属标准", "备查材料"]
    assert len(rows) == len(rubric["items"]) + 1
    row = next(r for r in rows if r[0] == "zzsh.01")
    assert row[3] == "威海 三（三）9" and row[5] == "党员大会每季度至少 1 次"
    item = next(i for i in rubric["items"] if i["id"] == "zzsh.01")
    assert row[8] and row[8].count("；") == len(item["records"]) - 1  # each record with its source


def test_schema_command_prints_the_answers_schema() -> None:
    code, out, _ = call("schema")
    assert code == 0 and json.loads(out)["title"].startswith("支部自查文件")


FORMULAS = ('=HYPERLINK("http://x","点此")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tcmd", "\r=1+1")


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_csv_cell_is_read_as_a_formula(tmp_path: Path, formula: str) -> None:
    """OWASP's CSV injection: in the score CSV and every roll-up table, typed text stays text."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["branch"]["name"] = formula
    data["branch"]["parent"] = formula
    item = next(iter(data["answers"]))
    data["answers"][item] = {"answer": "未达到", "note": formula}
    data["rectification"][item] = {"measure": formula, "owner": formula, "deadline": "2026-12-31"}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tables = [call("score", "--format", "csv", str(path))]
    tables += [call("rollup", str(path), "--format", "csv", "--table", t) for t in ("branches", "lists", "ledgers")]
    seen = 0
    for code, out, err in tables:
        assert (code, err) == (0, "")
        cells = [c for row in csv.reader(io.StringIO(out.removeprefix("\ufeff"))) for c in row]
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells
        seen += sum(c == "'" + formula for c in cells)
    assert seen >= 5  # the name in every roll-up table, the measure and owner in the rectification list


def test_a_large_file_is_refused_with_its_real_size_and_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 50_000_000)
    assert call("score", str(big)) == (
        2,
        "",
        "自查文件有 1 处问题：\n  $: 文件太大（50.0 MB），自查文件不应超过 2 MB\n",
    )
