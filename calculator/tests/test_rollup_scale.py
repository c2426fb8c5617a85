"""The roll-up at scale: streamed JSON, a pool of processes, the list and ledger tables."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from test_rollup import RUBRIC, branch, records

from zhibu.cli import run
from zhibu.report import table_text
from zhibu.rollup import collect, pool, rollup, summary
from zhibu.rollup.output import list_rows, rollup_json, write_rollup_json
from zhibu.rollup.pool import score_all

IN_PYODIDE = sys.platform == "emscripten"


def mixed(n: int) -> list[tuple[str, str]]:
    """n records: three standards, every answer, a broken one and a repeat now and then."""
    out = []
    for i in range(n):
        scheme = ("shhg", "hefei", "shandong")[i % 3]
        answer = ("达到", "基本达到", "未达到")[i % 5 % 3]
        text = json.dumps(branch(f"支部{i % (n - 3)}", scheme, answer, 2019 + i % 2), ensure_ascii=False)
        out.append((f"{i}.json", text[: len(text) // 2] if i % 97 == 5 else text))
    return out


@pytest.mark.parametrize("n", [0, 1, 4])
def test_streamed_json_holds_the_summary_a_row_a_line(n: int) -> None:
    files = [branch(f"支部{i}", "shhg", "达到" if i % 2 else "未达到") for i in range(n)]
    s = summary(rollup(records(files), RUBRIC), RUBRIC, sample=0.5, seed=1)
    out = io.StringIO()
    write_rollup_json(s, out)
    text = out.getvalue()
    assert text == rollup_json(s, RUBRIC) and text.endswith("}\n")
    assert json.loads(text) == json.loads(json.dumps({**s, "rows": list(s["rows"])}))
    lines = text.splitlines()
    row_lines = [line for line in lines if line.startswith('    {"name": "支部')]
    assert len(row_lines) == n  # one branch a line, under "rows"
    assert lines[1] == f'  "branches": {n},'  # keys sorted, two spaces a level


@pytest.mark.skipif(IN_PYODIDE, reason="Pyodide has no processes; the page scores in one thread")
def test_a_pool_of_processes_gives_the_same_rollup_as_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "TASK_BYTES", 20_000)  # many small tasks, each a few records
    recs = mixed(317)
    assert (
        sum(len(text) for _, text in recs) > 10 * pool.TASK_BYTES
    )  # well past the two tasks below which no pool starts
    one = summary(collect(score_all(recs, RUBRIC, jobs=1), RUBRIC), RUBRIC)
    two = summary(collect(score_all(recs, RUBRIC, jobs=2), RUBRIC), RUBRIC)
    assert rollup_json(one, RUBRIC) == rollup_json(two, RUBRIC)
    assert (
        one["broken"]
        and one["duplicates"]
        and one["branches"] == len(recs) - len(one["broken"]) - len(one["duplicates"])
    )


def test_the_two_lists_and_the_ledgers_as_tables(tmp_path: Path) -> None:
    files = [branch(f"支部{i}", "shhg", "达到" if i < 10 else "未达到", 2019) for i in range(12)]
    files += [branch(f"山东{i}", "shandong", ("达到", "基本达到", "未达到")[i % 3], 2019) for i in range(6)]
    for i, f in enumerate(files):
        (tmp_path / f"{i:02d}.json").write_text(json.dumps(f, ensure_ascii=False), "utf-8")
    tables = {}
    for table in ("lists", "ledgers"):
        out = io.StringIO()
        assert run(["rollup", str(tmp_path), "--format", "csv", "--table", table], out, io.StringIO()) == 0
        assert out.getvalue().startswith("\ufeff") and "\r\n" in out.getvalue()
        tables[table] = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    lists = tables["lists"]
    assert lists[0] == ["标准", "名单", "支部", "上级党组织", "自查期", "得分", "结论"]
    shhg = [r for r in lists[1:] if r[0] == "上海海关学院 合格支部"]
    # 上海海关学院's own words for its 两张名单: 合格 and 不合格.
    assert [r[1] for r in shhg].count("合格名单") == 10 and [r[1] for r in shhg].count("不合格名单") == 2
    assert {r[2] for r in shhg if r[1] == "不合格名单"} == {"支部10", "支部11"}
    ledgers = tables["ledgers"]
    assert ledgers[0] == ["标准", "结论", "支部", "类型", "上级党组织", "自查期", "得分"]
    shandong = [r for r in ledgers[1:] if r[0].startswith("山东")]
    assert len(shandong) == 6 and {r[1] for r in shandong} == set(
        summary(rollup(records(files), RUBRIC), RUBRIC)["schemes"]["shandong"]["labels"]
    )
    order = [r[1] for r in shandong]  # the ledger best first, as the document names them
    assert order == sorted(order, key=["先进", "中间", "后进"].index)
    assert (
        table_text(list_rows(summary(rollup([], RUBRIC), RUBRIC), RUBRIC))
        == "\ufeff标准,名单,支部,上级党组织,自查期,得分,结论\r\n"
    )


def test_cli_refuses_a_bad_job_count() -> None:
    err = io.StringIO()
    assert run(["rollup", "x.json", "--jobs", "0"], io.StringIO(), err) == 2
    assert "--jobs 应为正整数" in err.getvalue()
