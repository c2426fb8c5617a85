"""This year against last (zhibu/compare.py): every item lands in one place, and last time's 整改
for a problem still open is carried forward."""

from __future__ import annotations

import copy
import json
from typing import Any

from _cases import CASES

from zhibu.answers import read_answers
from zhibu.compare import KINDS, compare, comparison_dict, comparison_text
from zhibu.result import Result
from zhibu.rubric import default_rubric
from zhibu.scoring import score

BASE = json.loads((CASES / "sample-branch.json").read_text(encoding="utf-8"))


def scored(data: dict[str, Any]) -> Result:
    rubric = default_rubric()
    return score(rubric, read_answers(json.dumps(data, ensure_ascii=False).encode(), rubric))


def pair(changes: dict[str, tuple[str, str]], plans: dict[str, str] | None = None) -> tuple[Result, Result]:
    then, now = copy.deepcopy(BASE), copy.deepcopy(BASE)
    for item, (before, after) in changes.items():
        then["answers"][item] = {"answer": before, "note": ""}
        now["answers"][item] = {"answer": after, "note": ""}
    then["rectification"] = {
        i: {"measure": m, "owner": "书记", "deadline": "2026-06-30"} for i, m in (plans or {}).items()
    }
    now["rectification"] = {}
    return scored(then), scored(now)


def test_each_item_lands_in_one_place() -> None:
    a, b, c, d, e, f = list(BASE["answers"])[:6]
    earlier, later = pair(
        {
            a: ("未达到", "达到"),  # resolved
            b: ("未达到", "基本达到"),  # improved
            c: ("基本达到", "未达到"),  # worse
            d: ("达到", "未达到"),  # new
            e: ("不适用", "基本达到"),  # new: not applicable then
            f: ("未达到", "未达到"),  # repeated
        }
    )
    got = compare(earlier, later)
    where = {x.item: kind for kind in KINDS for x in getattr(got, kind)}
    assert {i: where.get(i) for i in (a, b, c, d, e, f)} == {
        a: "resolved",
        b: "improved",
        c: "worse",
        d: "new",
        e: "new",
        f: "repeated",
    }
    every = [x.item for kind in KINDS for x in getattr(got, kind)]
    assert len(every) == len(set(every))  # never twice
    text = comparison_text(got)
    assert "已解决的问题（" in text and "未达到 → 达到" in text


def test_last_years_measures_for_open_problems_are_carried() -> None:
    a, b, c = list(BASE["answers"])[:3]
    earlier, later = pair(
        {a: ("未达到", "达到"), b: ("未达到", "未达到"), c: ("基本达到", "基本达到")},
        {a: "已办完的整改", b: "补开支委会", c: ""},
    )
    got = compare(earlier, later)
    assert [(x.item, r.measure) for x, r in got.carried] == [(b, "补开支委会")]  # a is resolved; c wrote nothing
    data = comparison_dict(got)
    assert data["carried"][0]["owner"] == "书记" and data["carried"][0]["deadline"] == "2026-06-30"
    assert "补开支委会；责任人 书记；时限 2026-06-30" in comparison_text(got)


def test_scores_then_and_now_and_the_warnings() -> None:
    earlier, later = pair({})
    got = compare(earlier, later)
    assert [(s.scheme, s.before, s.after) for s in got.schemes] == [
        (s.scheme.id, (round(s.score, 2), s.verdict.label), (round(s.score, 2), s.verdict.label)) for s in later.schemes
    ]
    assert got.warnings == () and all(not getattr(got, k) or k == "repeated" for k in KINDS)
    other = copy.deepcopy(BASE)
    other["branch"]["name"] = "另一个支部"
    swapped = compare(scored(other), earlier)
    assert any("支部名称不同" in w for w in swapped.warnings)


def test_the_cli_compares_two_files(tmp_path: Any) -> None:
    import io

    from zhibu.cli import run

    a = next(iter(BASE["answers"]))
    then = copy.deepcopy(BASE)
    then["answers"][a] = {"answer": "未达到", "note": ""}
    (tmp_path / "then.json").write_text(json.dumps(then, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "now.json").write_text(json.dumps(BASE, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["compare", str(tmp_path / "then.json"), str(tmp_path / "now.json"), "--format", "json"], out, err) == 0
    data = json.loads(out.getvalue())
    assert a in [x["item"] for x in data["resolved"] + data["improved"]]  # better now, whatever it is now
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    err = io.StringIO()
    assert run(["compare", str(tmp_path / "now.json"), str(tmp_path / "bad.json")], io.StringIO(), err) == 2
    assert err.getvalue().startswith("本次的自查文件有 1 处问题")


def test_the_page_asks_the_same_and_a_broken_file_is_named() -> None:
    from zhibu.browser import compare_handle

    text = json.dumps(BASE, ensure_ascii=False)
    reply = json.loads(compare_handle(json.dumps({"earlier": text, "later": text})))
    assert reply["ok"] and reply["comparison"] == comparison_dict(compare(scored(BASE), scored(BASE)))
    broken = json.loads(compare_handle(json.dumps({"earlier": text, "later": "{"})))
    assert broken["ok"] is False and broken["problems"][0]["message"].startswith("本次的自查：")
