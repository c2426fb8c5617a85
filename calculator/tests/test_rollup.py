"""Roll-up over many branches: the cases the documents hold (cap, target, two lists), bad input."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from _cases import load_json

from zhibu import default_rubric
from zhibu.cli import run
from zhibu.rollup import Record, Unreadable, rollup, summary
from zhibu.rollup.sources import read_records

RUBRIC = default_rubric()


def branch(name: str, scheme: str, answer: str, year: int = 2020) -> dict[str, Any]:
    """An answers file where every judged item of the scheme gets the same answer, with the sample's
    facts (so that every computed item is computed: a complete self-check, not a provisional one)."""
    items = [e.item for g in RUBRIC.schemes[scheme].groups for e in g.entries if not RUBRIC.items[e.item].is_rule]
    return {
        "schema_version": 2,
        "rubric_version": RUBRIC.version,
        "branch": {"name": name, "type": "机关", "parent": "机关党委"},
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "check_date": f"{year}-12-31",
        "standard": scheme,
        "facts": _facts_in(year),
        "answers": {i: {"answer": answer} for i in items},
    }


def _facts_in(year: int) -> dict[str, Any]:
    """The sample branch's facts, its dates moved into `year`."""
    text = json.dumps(load_json("sample-branch.json")["facts"], ensure_ascii=False)
    return dict(json.loads(text.replace("2026-", f"{year}-").replace('"2023-', f'"{year - 3}-')))


def records(files: list[dict[str, Any]]) -> list[Record]:
    return [(f"{i:02d}.json", json.dumps(f, ensure_ascii=False)) for i, f in enumerate(files)]


def test_first_grading_cap_of_ten_percent_is_flagged() -> None:
    # 合肥 四: 首次定级“A”的党支部数不超过总数的10% — 20 branches, 3 graded A: 1 too many.
    files = [branch(f"支部{i}", "hefei", "达到" if i < 3 else "未达到") for i in range(20)]
    s = summary(rollup(records(files), RUBRIC), RUBRIC, first_grading=True)["schemes"]["hefei"]
    assert s["labels"] == {"A": 3, "D": 17}
    assert s["caps"] == [
        {
            "label": "A",
            "count": 3,
            "allowed": 2,
            "over": 1,
            "checked": True,
            "first_grading": True,
            "text": "首次定级“A”的党支部数不超过总数的10%",
            "clause": "合肥 四",
            "message": "上限：首次定级“A”的党支部数不超过总数的10%——“A” 3 个，允许 2 个，超出 1 个，需调整（本次为首次定级）",
        }
    ]
    assert s["ledger"]["A"] == ["支部0", "支部1", "支部2"]


def test_the_cap_is_not_checked_when_the_grading_is_not_the_first() -> None:
    # The document caps the first grading only: a later roll-up reports the count, unchecked.
    files = [branch(f"支部{i}", "hefei", "达到" if i < 3 else "未达到") for i in range(20)]
    (cap,) = summary(rollup(records(files), RUBRIC), RUBRIC)["schemes"]["hefei"]["caps"]
    assert (cap["checked"], cap["over"], cap["count"]) == (False, 0, 3)
    assert cap["message"] == (
        "上限：首次定级“A”的党支部数不超过总数的10%——“A” 3 个；此上限只适用于首次定级，本次汇总未标明为首次定级，不检查"
    )


def test_fifteen_of_twenty_in_2020_is_below_the_80_percent_target() -> None:
    files = [branch(f"支部{i:02d}", "suzhou", "达到" if i < 15 else "未达到") for i in range(20)]
    (ratio,) = summary(rollup(records(files), RUBRIC), RUBRIC)["schemes"]["suzhou"]["ratios"]
    assert ratio == {
        "year": 2020,
        "passed": 15,
        "branches": 20,
        "ratio": 0.75,
        "target": 0.8,
        "target_text": "2020年“确保80%以上党支部达标”",
        "target_clause": "苏州 二",
        "met": False,
    }


def test_two_lists_of_ten_and_two() -> None:
    files = [branch(f"支部{i:02d}", "shhg", "未达到" if i in (4, 9) else "达到", year=2019) for i in range(12)]
    s = summary(rollup(records(files), RUBRIC), RUBRIC)["schemes"]["shhg"]
    assert len(s["lists"]["passed"]) == 10 and s["lists"]["failed"] == ["支部04", "支部09"]
    assert s["ratios"][0]["met"] is False and s["ratios"][0]["target"] == 1.0


def test_a_broken_file_and_a_duplicate_among_valid_ones() -> None:
    good = [branch(f"支部{i}", "shhg", "达到", year=2019) for i in range(3)]
    recs = records(good)
    recs.insert(1, ("坏文件.json", json.dumps(good[0])[:40]))
    recs.append(("重复.json", json.dumps(good[2], ensure_ascii=False)))
    recs.append(("不存在.json", Unreadable("找不到文件")))
    r = rollup(recs, RUBRIC)
    assert len(r.rows) == 3
    assert r.broken[0][0] == "坏文件.json" and "文件不完整" in r.broken[0][1]
    assert r.broken[1] == ("不存在.json", "找不到文件")
    assert r.duplicates == [("重复.json", "02.json", "自查日期相同，保留先读到的 02.json")]


def test_of_two_copies_the_later_self_check_is_kept_whatever_the_names() -> None:
    older = branch("一支部", "shhg", "未达到", year=2019)
    older["check_date"] = "2019-12-01"
    newer = json.loads(json.dumps(older))
    newer["check_date"] = "2019-12-30"
    newer["answers"] = {i: {"answer": "达到"} for i in older["answers"]}
    # The older copy's name sorts first ("a…" before "b…"), yet the later self-check is kept.
    r = rollup([("a-old.json", json.dumps(older)), ("b-new.json", json.dumps(newer))], RUBRIC)
    (row,) = r.rows
    assert (row.source, row.check, row.verdicts["shhg"][1]) == ("b-new.json", "2019-12-30", "合格")
    assert r.duplicates == [("a-old.json", "b-new.json", "保留自查日期较晚（2019-12-30）的 b-new.json")]
    s = summary(r, RUBRIC)["schemes"]["shhg"]
    assert s["lists"] == {"passed": ["一支部"], "failed": []}
    # Read the other way round, the same copy is kept.
    r2 = rollup([("b-new.json", json.dumps(newer)), ("a-old.json", json.dumps(older))], RUBRIC)
    assert [row.source for row in r2.rows] == ["b-new.json"]
    assert r2.duplicates == [("a-old.json", "b-new.json", "保留自查日期较晚（2019-12-30）的 b-new.json")]


def test_changes_between_two_periods_and_frequent_problems() -> None:
    before = branch("一支部", "suzhou", "未达到", year=2020)
    after = branch("一支部", "suzhou", "达到", year=2021)
    after["answers"]["jfbz.05"] = {"answer": "基本达到"}
    s = summary(rollup(records([before, after]), RUBRIC), RUBRIC)
    (change,) = s["changes"]
    judged = [i for i in RUBRIC.schemes["suzhou"].item_ids if not RUBRIC.items[i].rules]  # jygl.29 is computed
    assert change["still_failing"] == ["jfbz.05"] and change["worse"] == []
    assert sorted(change["improved"]) == sorted(set(judged) - {"jfbz.05"})
    assert s["frequent_problems"][0] == {
        "item": "jfbz.05",
        "text": RUBRIC.items["jfbz.05"].text,
        "branches": 2,
        "clauses": ["苏州 二", "苏州 五1"],
    }


def test_sample_is_reproducible_from_its_seed() -> None:
    r = rollup(records([branch(f"支部{i:02d}", "shhg", "达到", 2019) for i in range(20)]), RUBRIC)
    first = summary(r, RUBRIC, sample=0.2, seed=7)["sample"]
    assert first == summary(r, RUBRIC, sample=0.2, seed=7)["sample"]
    assert first["seed"] == 7 and len(first["branches"]) == 4


def test_cli_reads_folders_and_json_lines(tmp_path: Path) -> None:
    for i in range(2):
        (tmp_path / f"{i}.json").write_text(json.dumps(branch(f"文件支部{i}", "shhg", "达到", 2019)), "utf-8")
    lines = [json.dumps(branch(f"行支部{i}", "shhg", "未达到", 2019), ensure_ascii=False) for i in range(3)]
    (tmp_path / "more.jsonl").write_text("\n".join(lines) + "\n\n", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["rollup", str(tmp_path), "--format", "json"], out, err) == 0
    data = json.loads(out.getvalue())
    assert data["branches"] == 5 and data["schemes"]["shhg"]["lists"]["failed"] == ["行支部0", "行支部1", "行支部2"]
    assert data["rows"][2]["source"].endswith("more.jsonl:1")
    out = io.StringIO()
    assert run(["rollup", str(tmp_path), "--sample", "0.4", "--seed", "3"], out, err) == 0
    text = out.getvalue()
    assert text.startswith("汇总：5 个支部（期）\n") and "不合格名单 3 个：行支部0、行支部1、行支部2" in text
    assert "交叉抽查（比例 40.0%，随机种子 3）：" in text
    out = io.StringIO()
    assert run(["rollup", str(tmp_path), "--format", "csv"], out, err) == 0
    assert out.getvalue().startswith(
        "\ufeff支部,类型,上级党组织,自查期,上海海关学院 合格支部 得分,上海海关学院 合格支部 结论,问题数,文件\r\n"
    )
    assert run(["rollup", str(tmp_path), "--sample", "2"], io.StringIO(), err) == 2


def test_a_zip_of_answers_files(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "收到的文件.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(3):
            z.writestr(f"支部{i}.json", json.dumps(branch(f"压缩支部{i}", "shhg", "达到", 2019), ensure_ascii=False))
        z.writestr("说明.txt", "不是自查文件")
    (tmp_path / "坏的.zip").write_bytes(b"PK not really")
    out, err = io.StringIO(), io.StringIO()
    assert run(["rollup", str(archive), str(tmp_path / "坏的.zip"), "--format", "json"], out, err) == 0
    data = json.loads(out.getvalue())
    assert data["branches"] == 3 and data["rows"][0]["source"].endswith("收到的文件.zip/支部0.json")
    assert data["broken"] == [{"source": str(tmp_path / "坏的.zip"), "reason": "不是有效的 zip 文件"}]


def test_files_from_another_rubric_or_format_are_listed_as_refused() -> None:
    # Issue 5: files made with an older rubric are upgraded or listed as refused, never mis-scored.
    good = branch("今年的支部", "shhg", "达到", 2019)
    old_rubric = {**branch("旧规则支部", "shhg", "达到", 2019), "rubric_version": "0.9.0"}
    newer_format = {**branch("新格式支部", "shhg", "达到", 2019), "schema_version": 99}
    r = rollup(records([good, old_rubric, newer_format]), RUBRIC)
    assert [row.name for row in r.rows] == ["今年的支部"]
    reasons = dict(r.broken)
    assert "编号含义不同，不能直接评分" in reasons["01.json"]
    assert "更新版本的程序创建" in reasons["02.json"]


def test_an_unfinished_selfcheck_is_listed_apart_not_graded() -> None:
    done = [branch(f"完成{i}", "shhg", "达到") for i in range(3)]
    unfinished = branch("未完成支部", "shhg", "达到")
    unfinished["answers"] = dict(list(unfinished["answers"].items())[:3])  # 3 of 20 answered
    s = summary(rollup(records([*done, unfinished]), RUBRIC), RUBRIC)["schemes"]["shhg"]
    assert s["incomplete"] == ["未完成支部"] and s["branches"] == 3
    assert "未完成支部" not in s["lists"]["failed"] + s["lists"]["passed"]
    assert s["labels"] == {"合格": 3} and s["ratios"][0]["branches"] == 3
    from zhibu.rollup import rollup_text
    from zhibu.rollup.output import list_rows

    whole = summary(rollup(records([*done, unfinished]), RUBRIC), RUBRIC)
    assert "自查未完成（有未作答的项，不列入名单和台账）1 个：未完成支部" in rollup_text(whole, RUBRIC)
    assert all(row[2] != "未完成支部" for row in list_rows(whole, RUBRIC))


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide's in-memory file system has no pipes")
def test_files_that_cannot_be_read_are_named_with_their_own_words(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(branch("一支部", "shhg", "达到", year=2019), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    (tmp_path / "folder.json").mkdir()
    os.mkfifo(tmp_path / "pipe.json")
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 5000 + b"]" * 5000)
    r = rollup(read_records([str(tmp_path)]), RUBRIC)
    assert [row.name for row in r.rows] == ["一支部"]  # the roll-up goes on past every one of them
    reasons = dict(r.broken)
    assert reasons[str(tmp_path / "loop.json")] == "符号链接形成循环"
    assert reasons[str(tmp_path / "dangling.json")] == "符号链接指向的文件不存在"
    assert reasons[str(tmp_path / "folder.json")] == "这是一个文件夹，不是文件"
    assert reasons[str(tmp_path / "pipe.json")] == "不是普通文件（设备、管道等）"
    assert "嵌套层数过多" in reasons[str(deep)]


def test_a_file_the_system_will_not_open_is_listed_and_the_rest_rolled_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads any file, so the refusal an ordinary user meets is made at the open call.
    for name in ("a.json", "b.json"):
        data = branch(f"支部{name[0]}", "shhg", "达到", year=2019)
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "a.json":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    r = rollup(read_records([str(tmp_path)]), RUBRIC)
    assert [row.name for row in r.rows] == ["支部b"]
    assert r.broken == [(str(tmp_path / "a.json"), "没有读取这个文件的权限")]


def test_score_distribution_and_figures_by_parent_organisation() -> None:
    # 苏州: 12 branches under two parents; the bands put the document's 95 on an edge.
    files = [branch(f"支部{i:02d}", "suzhou", "达到" if i < 9 else "未达到") for i in range(12)]
    for f in files[6:]:
        f["branch"]["parent"] = "市直机关工委"
    files[11]["branch"]["parent"] = ""
    s = summary(rollup(records(files), RUBRIC), RUBRIC)["schemes"]["suzhou"]
    counts = {b["band"]: b["branches"] for b in s["distribution"]}
    assert list(counts) == ["60 分以下", "60～64.9", "65～69.9", "70～74.9", "75～79.9", "80～84.9", "85～89.9",
                            "90～94.9", "95～100"]  # fmt: skip
    assert counts["95～100"] == 9 and counts["60 分以下"] == 3 and sum(counts.values()) == 12
    scores = {
        r["name"]: r["verdicts"]["suzhou"]["score"] for r in summary(rollup(records(files), RUBRIC), RUBRIC)["rows"]
    }
    assert [p["parent"] for p in s["by_parent"]] == sorted(p["parent"] for p in s["by_parent"])
    by = {p["parent"]: p for p in s["by_parent"]}
    assert (by["机关党委"]["branches"], by["机关党委"]["passed"], by["机关党委"]["mean"]) == (6, 6, 100.0)
    assert (by["市直机关工委"]["branches"], by["市直机关工委"]["passed"]) == (5, 3)
    assert by["市直机关工委"]["mean"] == round(sum(scores[f"支部{i:02d}"] for i in range(6, 11)) / 5, 1)
    assert (by["（未填写上级党组织）"]["branches"], by["（未填写上级党组织）"]["passed"]) == (1, 0)


def test_a_scheme_of_grades_only_has_no_pass_count_by_parent() -> None:
    files = [branch(f"支部{i}", "shandong", "达到" if i < 2 else "未达到") for i in range(4)]
    (p,) = summary(rollup(records(files), RUBRIC), RUBRIC)["schemes"]["shandong"]["by_parent"]
    assert p["parent"] == "机关党委" and p["branches"] == 4 and p["passed"] is None
