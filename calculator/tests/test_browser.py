"""zhibu.browser, the worker's entry points: the same results as the CLI, problems as data."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from _cases import CASES

from zhibu.browser import OPS, handle, rollup_handle
from zhibu.cli import run

SAMPLE = CASES / "sample-branch.json"
TEXT = SAMPLE.read_text(encoding="utf-8")


def cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert run(list(argv), out, err, io.StringIO()) == 0, err.getvalue()
    return out.getvalue()


def reply(op: str, text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(handle(op, text))
    return data


def test_score_and_csv_are_the_cli_s_bytes() -> None:
    # One engine: the file the page exports is the file `zhibu score` writes.
    assert reply("score", TEXT) == {"ok": True, "json": cli("score", "--format", "json", str(SAMPLE))}
    assert reply("csv", TEXT) == {"ok": True, "csv": cli("score", "--format", "csv", str(SAMPLE))}


def test_rescore_returns_the_result_as_data() -> None:
    answer = reply("rescore", TEXT)
    assert answer["ok"] is True
    assert answer["result"] == json.loads(cli("score", "--format", "json", str(SAMPLE)))


def test_validate_accepts_the_sample_and_returns_an_old_file_in_today_s_format() -> None:
    assert reply("validate", TEXT) == {"ok": True, "data": json.loads(TEXT)}
    old = (CASES / "sample-branch-v1.json").read_text(encoding="utf-8")
    assert reply("validate", old) == {"ok": True, "data": json.loads(TEXT)}


@pytest.mark.parametrize("op", OPS)
def test_a_wrong_file_comes_back_as_its_problems_naming_the_field(op: str) -> None:
    data = json.loads(TEXT)
    data["facts"]["members"] = "十二"
    answer = reply(op, json.dumps(data, ensure_ascii=False))
    assert answer["ok"] is False
    paths = [p["path"] for p in answer["problems"]]
    assert "$.facts.members" in paths, answer
    assert all(p["message"] for p in answer["problems"])


@pytest.mark.parametrize("text", ["", "{", "[]", "\x00", '{"schema_version": "一"}'])
def test_broken_text_is_problems_not_an_exception(text: str) -> None:
    answer = reply("score", text)
    assert answer["ok"] is False and answer["problems"]


def test_an_unknown_op_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown op"):
        handle("delete", TEXT)


def test_rollup_is_the_cli_s_rollup_and_reports_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the CLI names files as given; the page, by their names
    names = []
    for i in range(3):
        data = json.loads(TEXT)
        data["branch"]["name"] = f"第{i + 1}党支部"
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        names.append([path.name, str(path)])
    heard: list[tuple[int, int, int]] = []
    payload = json.dumps({"files": names, "sample": 0.5, "seed": 7})
    answer = json.loads(rollup_handle(payload, lambda *at: heard.append(at)))
    args = ("--jobs", "1", "--sample", "0.5", "--seed", "7", "0.json", "1.json", "2.json")
    assert answer["ok"] is True
    assert answer["json"] == cli("rollup", "--format", "json", *args)
    assert answer["text"] == cli("rollup", *args)
    for table in ("branches", "lists", "ledgers"):
        assert answer["csv"][table] == cli("rollup", "--format", "csv", "--table", table, *args)
    assert heard[:1] == [(1, 1, 3)]  # the first record is heard at once; later ones at most every 0.2 s
