"""Reading an answers file: every problem named by its JSON path, in Chinese, word for word."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from _cases import load_json
from test_schemes import answers_file

from zhibu import MAX_BYTES, InputError, load_answers, parse_json, read_answers, rubric_from_dict

RUBRIC = rubric_from_dict(load_json("mini-rubric.json"))
GOOD = answers_file("thr", {"aa.01": "达到"}, {"members": {"full": 5, "probationary": None}})


def problems(data: Any) -> list[str]:
    with pytest.raises(InputError) as err:
        load_answers(data, RUBRIC)
    return [str(p) for p in err.value.problems]


def changed(path: list[str | int], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    node: Any = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(key, str) else node[key]
    node[path[-1]] = value
    return data


def test_good_file_loads_and_nulls_mean_not_given() -> None:
    a = load_answers(GOOD, RUBRIC)
    assert a.facts == {"members": {"full": 5}}
    assert a.answers["aa.01"].value == "达到"


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["facts", "members", "full"], -1, "$.facts.members.full: 应为非负整数"),
        (["facts", "members", "full"], "五", "$.facts.members.full: 应为非负整数（不填可留空）"),
        (["facts", "members", "full"], 2.5, "$.facts.members.full: 应为非负整数（不填可留空）"),
        (["facts", "members", "full"], True, "$.facts.members.full: 应为非负整数（不填可留空）"),
        (["facts", "funds"], {"operating": -5}, "$.facts.funds.operating: 应为非负数"),
        (["facts", "election"], {"last": "2026-02-30"}, "$.facts.election.last: 应为日期，格式 YYYY-MM-DD"),
        (["facts", "meetings"], {"党员大会": {"2026-13": 1}}, '$.facts.meetings.党员大会["2026-13"]: 名称格式不对'),
        (["facts", "meetings"], {"茶话会": {}}, "$.facts.meetings.茶话会: 未知的字段"),
        (
            ["branch", "type"],
            "公司",
            "$.branch.type: 应为以下之一：机关、事业单位、国有企业、农村、城市社区、非公企业、社会组织、高校、其他",
        ),
        (["branch", "name"], "", "$.branch.name: 不能为空"),
        (
            ["answers", "aa.01"],
            {"answer": "差不多"},
            '$.answers["aa.01"].answer: 应为以下之一：达到、基本达到、未达到、不适用',
        ),
        (["answers", "aa.01"], {"answer": "达到", "note": "长" * 2001}, '$.answers["aa.01"].note: 不能超过 2000 个字'),
        (["answers", "zz.01"], {"answer": "达到"}, '$.answers["zz.01"]: 未知的自查项'),
        (["standard"], "nope", "$.standard: 未知的标准“nope”，可用：thr、grd、grp、all"),
        (["compare"], ["all", "nope"], "$.compare[1]: 未知的标准“nope”，可用：thr、grd、grp、all"),
        (["period", "end"], "2025-12-31", "$.period.end: 结束日期早于开始日期"),
        (
            ["rubric_version"],
            "2.0.0",
            "$.rubric_version: 文件按自查规则 2.0.0 填写，与当前规则 1.0.0 的编号含义不同，不能直接评分",
        ),
        (["extra"], 1, "$.extra: 未知的字段"),
    ],
)
def test_bad_field_is_named_by_its_path(path: list[str | int], value: Any, expected: str) -> None:
    assert problems(changed(path, value)) == [expected]


def test_missing_fields_are_all_listed() -> None:
    expected = ["$.rubric_version: 缺少此项", "$.branch: 缺少此项", "$.period: 缺少此项", "$.check_date: 缺少此项"]
    assert problems({"schema_version": 2}) == [*expected, "$.standard: 缺少此项"]
    # A version 1 file is named by its own fields, though it is read as version 2.
    assert problems({"schema_version": 1}) == [*expected, "$.schemes: 缺少此项"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "$: 应为 JSON 对象（{…}），这不是自查文件"),
        ({"a": 1}, "$.schema_version: 缺少此项（这是本站导出的自查文件吗？）"),
        (
            {"schema_version": 3},
            "$.schema_version: 文件由更新版本的程序创建（格式第 3 版），本程序只能读第 2 版，请使用更新的版本",
        ),
        ({"schema_version": 0}, "$.schema_version: 格式第 0 版太旧，无法自动升级"),
    ],
)
def test_versions_are_refused_with_a_reason(data: Any, expected: str) -> None:
    assert problems(data) == [expected]


def test_truncated_file() -> None:
    text = json.dumps(GOOD, ensure_ascii=False)
    with pytest.raises(InputError) as err:
        read_answers(text[: len(text) // 2], RUBRIC)
    (p,) = err.value.problems
    assert p.path == "$" and p.message.startswith("文件不完整（在第 1 行第") and "可能没有保存完或被截断" in p.message


def test_not_json_and_not_utf8_and_nan() -> None:
    for raw, start in (
        (b"<html>", "不是有效的 JSON 文件"),
        (b"\xff\xfe{}", "不是 UTF-8 编码的文本文件"),
        (b'{"a": NaN}', "含有 JSON 不允许的数值 NaN"),
    ):
        with pytest.raises(InputError) as err:
            parse_json(raw)
        assert err.value.problems[0].message.startswith(start)


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(InputError) as err:
        parse_json(b" " * (MAX_BYTES + 1))
    assert err.value.problems[0].message == "文件太大（2.0 MB），自查文件不应超过 2 MB"


def test_bom_is_accepted() -> None:
    text = "\ufeff" + json.dumps(GOOD, ensure_ascii=False)
    assert read_answers(text.encode("utf-8"), RUBRIC).branch_name == "测试支部"
    assert read_answers(text, RUBRIC).branch_name == "测试支部"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("\ufeff\ufeff{}".encode(), "文件开头有两个字节顺序标记（BOM），不是本站或常用编辑器保存的格式"),
        (b'{"a": 1e400}', "含有 JSON 不允许的数值 1e400"),
        (b'{"a": -1e400}', "含有 JSON 不允许的数值 -1e400"),
        (b'{"a": ' + b"9" * 4301 + b"}", "含有位数过多的整数（超过 4300 位）"),
    ],
)
def test_numbers_without_a_finite_value_and_double_boms_are_refused_in_chinese(raw: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_json(raw)
    assert [str(p) for p in err.value.problems] == [f"$: {message}"]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["rubric_version"], "1.1.0\n", "$.rubric_version: 格式不对"),
        (["facts", "meetings", "支委会"], {"2026-12\n": 1}, '$.facts.meetings.支委会["2026-12\\n"]: 名称格式不对'),
    ],
)
def test_a_trailing_newline_does_not_pass_a_pattern(path: list[Any], value: Any, expected: str) -> None:
    """ECMA-262's `$`, as the published schema means it (Python's `$` lets a final newline through)."""
    assert expected in problems(changed(path, value))


def test_html_in_a_note_is_kept_as_text() -> None:
    data = changed(["answers", "aa.01"], {"answer": "未达到", "note": "<img src=x onerror=alert(1)>"})
    assert load_answers(data, RUBRIC).answers["aa.01"].note == "<img src=x onerror=alert(1)>"


def test_a_version_1_file_is_upgraded_and_scores_as_its_version_2_copy() -> None:
    from zhibu.report import to_json
    from zhibu.rubric import default_rubric
    from zhibu.scoring import score

    rubric = default_rubric()
    v1 = json.dumps(load_json("sample-branch-v1.json"), ensure_ascii=False)
    v2 = json.dumps(load_json("sample-branch.json"), ensure_ascii=False)
    assert '"schemes"' in v1 and '"standard"' in v2
    old, new = read_answers(v1, rubric), read_answers(v2, rubric)
    assert old.schemes == new.schemes == ("weihai", "suzhou") and old.standard == "weihai"
    assert to_json(score(rubric, old)) == to_json(score(rubric, new))
    # An unknown second scheme in a version 1 file is named where that file has it.
    data = json.loads(v1)
    data["schemes"] = ["weihai", "nope"]
    with pytest.raises(InputError) as err:
        load_answers(data, rubric)
    assert str(err.value.problems[0]).startswith("$.schemes[1]: 未知的标准“nope”")


def test_an_answer_to_a_withdrawn_item_is_kept_and_not_counted() -> None:
    # A file filled in before an item was split (e.g. 威海 三（三）14 into the upper level's talks,
    # now computed, and the rest) still scores: the old answer is named, not counted, not refused.
    a = load_answers(changed(["answers", "aa.99"], {"answer": "达到"}), RUBRIC)
    assert "aa.99" in a.answers
    assert [str(w) for w in a.warnings] == [
        '$.answers["aa.99"]: 该自查项已停用（已拆分或改为按基本情况计算），这一项的评价不计入，请按新的自查项评价'
    ]
