"""The year's plan (zhibu.plan), its iCalendar file (zhibu.ics) read back by a real parser, and `zhibu plan`."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import icalendar
import pytest
from _cases import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibu import __version__, default_rubric
from zhibu.cli import run
from zhibu.ics import LIMIT, AllDay, calendar, escape, fold
from zhibu.model import BRANCH_TYPES
from zhibu.periods import UNIT_MONTHS, UNITS
from zhibu.plan import (
    FREQUENCIES,
    UNPLANNED,
    Plan,
    _slots,
    default_year,
    description,
    plan_ics,
    plan_json,
    plan_text,
    summary,
    year_plan,
)
from zhibu.rules import REGISTRY

RUBRIC = default_rubric()
YEAR = 2027
COMBINATIONS = [(s, t) for s in RUBRIC.schemes for t in BRANCH_TYPES]


# The test's own reading of each kind with a frequency, written apart from zhibu.plan on purpose:
# (period, at least how many) for a branch type, or None when the rule sets no count for it.
EXPECTED: dict[str, Callable[[Mapping[str, Any], str], tuple[str, int] | None]] = {
    "meeting_frequency": lambda p, t: (
        None
        if "at_least_by_type" in p and t not in p["at_least_by_type"]
        else (p["per"], p["at_least_by_type"][t] if "at_least_by_type" in p else p["at_least"])
    ),
    "yearly_count": lambda p, t: ("year", p["at_least"]),
    "secretary_training": lambda p, t: ("year", p["at_least"]),
    "small_branch_growth": lambda p, t: ("year", p["at_least"]),
    "leaders_lectures": lambda p, t: ("year", 1),
    "community_service": lambda p, t: ("half_year", 1),
    "member_coverage": lambda p, t: ("month" if p["fact"] == "reports.members_monthly" else "year", 1),
}


def call(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err, io.StringIO())
    return code, out.getvalue(), err.getvalue()


def test_every_rule_kind_is_planned_or_said_not_to_be() -> None:
    assert set(FREQUENCIES) | set(UNPLANNED) == set(REGISTRY)
    assert not set(FREQUENCIES) & set(UNPLANNED)
    assert set(EXPECTED) == set(FREQUENCIES)  # the test reads every kind the plan reads


@pytest.mark.parametrize(("standard", "branch_type"), COMBINATIONS)
def test_every_frequency_rule_that_applies_is_planned_as_often_as_it_asks(standard: str, branch_type: str) -> None:
    plan = year_plan(RUBRIC, branch_type, YEAR, standard)
    wanted: dict[str, tuple[str, int]] = {}
    for item in RUBRIC.items_for((standard,)):
        for rule in item.rules:
            if rule.kind not in FREQUENCIES:
                continue
            want = EXPECTED[rule.kind](rule.params, branch_type)
            types = rule.params.get("applies_to")
            if item.applies(branch_type) and (types is None or branch_type in types) and want and want[1] > 0:
                wanted[item.id] = want
            else:
                assert item.id in plan.left_out
    planned = {i: r for r in plan.requirements for i in r.items}
    assert set(planned) == set(wanted)
    for item_id, (per, count) in wanted.items():
        r = planned[item_id]
        assert r.frequency.per == per and r.frequency.count >= count
        assert r.frequency.count == max(s.count for s in r.sources)
        assert not r.compare_only  # one standard: everything is its own
        size = UNIT_MONTHS[per]  # each month, quarter, half year, year of the plan's year holds `count`
        held = Counter((e.day.month - 1) // size for e in plan.events if e.requirement is r)
        assert held == dict.fromkeys(range(12 // size), r.frequency.count), item_id
    assert len(plan.events) == sum(r.frequency.count * 12 // UNIT_MONTHS[r.frequency.per] for r in plan.requirements)
    assert all(e.day.year == YEAR for e in plan.events)
    assert [e.day for e in plan.events] == sorted(e.day for e in plan.events)


def test_what_the_documents_fix_and_what_the_site_chose() -> None:
    plan = year_plan(RUBRIC, "机关", YEAR, "weihai")
    by_what = {r.frequency.what: r for r in plan.requirements}
    days = [e.day for e in plan.events if e.requirement is by_what["主题党日"]]
    assert days[:4] == [dt.date(2027, 1, 10), dt.date(2027, 1, 24), dt.date(2027, 2, 10), dt.date(2027, 2, 24)]
    assert by_what["主题党日"].frequency.words == "每月至少 2 天" and by_what["主题党日"].citations == "威海 三（三）10"
    assert [e.day.month for e in plan.events if e.requirement is by_what["党员大会"]] == [2, 5, 8, 11]
    assert [e.day for e in plan.events if e.requirement is by_what["组织生活会"]] == [
        dt.date(2027, 5, 20),
        dt.date(2027, 11, 20),
    ]
    assert [e.day for e in plan.events if e.requirement is by_what["民主评议党员"]] == [dt.date(2027, 11, 25)]
    talks = by_what["上级党组织书记与支部书记谈心谈话"]  # twice a year: once each half year
    assert [e.day for e in plan.events if e.requirement is talks] == [dt.date(2027, 5, 20), dt.date(2027, 11, 20)]
    assert "本站默认按每年计" in talks.frequency.note  # the fact says the year is the site's reading
    assert by_what["支委会"].citations == "威海 三（三）9、威海 三（二）5"
    # 高校: the count is the site's inference, said with it.
    college = year_plan(RUBRIC, "高校", YEAR, "weihai")
    theme = next(r for r in college.requirements if r.frequency.what == "主题党日")
    assert theme.frequency.note == "本站推断：高校属于事业单位，按“机关企事业单位”每月至少固定2天"
    # The documents set no 主题党日 count for 其他: not planned, and said.
    other = year_plan(RUBRIC, "其他", YEAR, "weihai")
    assert "主题党日" not in {r.frequency.what for r in other.requirements} and "zzsh.32" in other.left_out


@pytest.mark.parametrize(("unit", "count"), [(u, n) for u in UNITS for n in (1, 2, 3, 4, 5, 6, 7, 12, 13, 24, 30, 100)])
def test_every_event_of_a_period_falls_in_it(unit: str, count: int) -> None:
    slots = _slots(unit, count)
    assert len(slots) == count
    assert all(0 <= month < UNIT_MONTHS[unit] and 1 <= day <= 28 for month, day in slots)
    assert slots == sorted(slots)


def test_several_standards_ask_once_with_every_clause_and_the_comparisons_marked() -> None:
    plan = year_plan(RUBRIC, "非公企业", YEAR, "hefei", ["suzhou", "shandong", "weihai"])
    assert plan.schemes == ("hefei", "suzhou", "shandong", "weihai")
    training = [r for r in plan.requirements if r.frequency.what == REGISTRY["secretary_training"].title]
    assert len(training) == 1 and not training[0].compare_only
    assert set(training[0].items) >= {"jygl.06", "jygl.29", "jygl.08"}
    assert len([e for e in plan.events if e.requirement is training[0]]) == 1
    assert all(r.compare_only for r in plan.requirements if all("hefei" not in s.schemes for s in r.sources))
    text = plan_text(plan, RUBRIC)
    assert "对照：苏州市级机关 标准化规范化、山东 规范提升行动、威海 过硬支部（仅供参考，标〔对照〕）" in text
    assert "〔对照〕党费收缴" in text


def test_a_standard_without_frequencies_gives_an_empty_plan_that_says_so() -> None:
    plan = year_plan(RUBRIC, "高校", YEAR, "shhg")
    assert plan.requirements == () and plan.events == ()
    assert "所选标准没有按频次规定的会议和活动，本计划为空。" in plan_text(plan, RUBRIC)
    parsed = icalendar.Calendar.from_ical(plan_ics(plan, RUBRIC))
    assert list(parsed.walk("VEVENT")) == []


# ——— iCalendar ———


def _lines(text: str) -> list[bytes]:
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    return data[:-2].split(b"\r\n")


@pytest.mark.parametrize(("standard", "branch_type"), COMBINATIONS)
def test_the_ics_parses_with_one_event_per_planned_day(standard: str, branch_type: str) -> None:
    plan = year_plan(RUBRIC, branch_type, YEAR, standard)
    text = plan_ics(plan, RUBRIC)
    for line in _lines(text):
        assert len(line) <= LIMIT
        line.decode("utf-8")  # no character split across a fold
    cal = icalendar.Calendar.from_ical(text)
    assert (cal["VERSION"], cal["PRODID"], cal["CALSCALE"], cal["METHOD"]) == (
        "2.0",
        f"-//zhibu//plan {__version__}//ZH",
        "GREGORIAN",
        "PUBLISH",
    )
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(plan.events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for got, want in zip(events, plan.events, strict=True):
        start, end = got.decoded("DTSTART"), got.decoded("DTEND")
        assert type(start) is dt.date and start == want.day and end == want.day + dt.timedelta(days=1)
        assert got.decoded("DTSTAMP") == dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC)
        assert str(got["SUMMARY"]) == summary(want)
        assert str(got["DESCRIPTION"]) == description(want, RUBRIC)
        assert "本站默认" in str(got["DESCRIPTION"])


def test_long_chinese_lines_fold_and_special_characters_round_trip() -> None:
    title = "党支部" * 40 + "𠀀ab" * 5  # 3-octet and 4-octet characters across many folds
    note = "第一行；分号; 逗号, 反斜杠\\ 结束\n第二行\r\n第三行\r第四行"
    text = calendar(
        [AllDay("a;b,c@test", dt.date(2027, 3, 1), title, note)],
        prodid="-//test//x//ZH",
        stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        name="名称, 带; 符号",
    )
    lines = _lines(text)
    assert all(len(line) <= LIMIT for line in lines) and sum(line.startswith(b" ") for line in lines) >= 6
    assert all(line.startswith(b" ") for line in lines if not line[:1].isupper())
    cal = icalendar.Calendar.from_ical(text)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == "第一行；分号; 逗号, 反斜杠\\ 结束\n第二行\n第三行\n第四行"
    assert str(event["UID"]) == "a;b,c@test"
    # icalendar keeps an X- property as written: escaped as the TEXT Apple and Google read it as.
    assert str(cal["X-WR-CALNAME"]) == "名称\\, 带\\; 符号"


def test_escaping_and_folding_word_for_word() -> None:
    assert escape("a\\b;c,d\ne\r\nf\x00g\th") == "a\\\\b\\;c\\,d\\ne\\nfg\th"
    assert fold("A" * 75) == "A" * 75 + "\r\n"
    assert fold("A" * 76) == "A" * 75 + "\r\n A\r\n"
    # 74 octets, then a 3-octet character that would make 77: it begins the next line whole.
    assert fold("A" * 74 + "党" + "B") == "A" * 74 + "\r\n 党B\r\n"


@settings(max_examples=examples(200))
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n;,\\"), max_size=300))
def test_any_text_survives_the_round_trip(text: str) -> None:
    summary_text = text.strip() or "x"  # the parser reads a value as it is; an empty SUMMARY is no test
    out = calendar(
        [AllDay("u@test", dt.date(2027, 1, 1), summary_text, text)],
        prodid="-//t//t//ZH",
        stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    )
    assert all(len(line) <= LIMIT for line in _lines(out))
    (event,) = icalendar.Calendar.from_ical(out).walk("VEVENT")
    assert str(event["SUMMARY"]) == summary_text
    if text:
        assert str(event["DESCRIPTION"]) == text


def test_the_same_plan_is_the_same_bytes() -> None:
    first = year_plan(RUBRIC, "机关", YEAR, "weihai", ["shandong"])
    again = year_plan(RUBRIC, "机关", YEAR, "weihai", ["shandong"])
    for render in (plan_ics, plan_text, plan_json):
        assert render(first, RUBRIC) == render(again, RUBRIC)
    assert "DTSTAMP:20270101T000000Z\r\n" in plan_ics(first, RUBRIC)  # the plan's year, never the clock
    # Another year moves every date and stamp, nothing else.
    later = plan_ics(year_plan(RUBRIC, "机关", 2028, "weihai", ["shandong"]), RUBRIC)
    assert later.count("BEGIN:VEVENT") == plan_ics(first, RUBRIC).count("BEGIN:VEVENT")


# ——— The command ———


def test_cli_text_is_by_month_citing_each_clause() -> None:
    code, out, err = call("plan", "--type", "机关", "--standard", "weihai", "--year", "2027")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "2027 年度工作计划（机关党支部）" and lines[1] == "考核标准：威海 过硬支部"
    assert any(line.startswith("本站默认：每月的排在当月 10 日；") for line in lines)
    month = lines.index("二、逐月安排（日期为本站默认）")
    assert lines[month + 1] == "1月" and "12月" in lines[month:]
    days = [line for line in lines[month:] if line.startswith("  ")]
    assert days and all("威海 三（" in line for line in days)
    assert "  1月10日　支委会（每月至少 1 次）　威海 三（三）9、威海 三（二）5" in days


def test_cli_ics_and_json_are_the_engine_s() -> None:
    plan: Plan = year_plan(RUBRIC, "农村", YEAR, "weihai", ["shandong"])
    code, out, _ = call(
        "plan", "--type", "农村", "--compare", "shandong", "--standard", "weihai", "--year", "2027", "--format", "ics"
    )
    assert code == 0 and out == plan_ics(plan, RUBRIC)
    code, out, _ = call(
        "plan", "--type", "农村", "--standard", "weihai", "--compare", "shandong", "--year", "2027", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and out == plan_json(plan, RUBRIC)
    assert (data["year"], data["standard"], data["compare"]) == (2027, "weihai", ["shandong"])
    assert len(data["events"]) == len(plan.events) and all(e["site_default"] for e in data["events"])
    assert data["requirements"][0]["sources"][0]["clauses"][0]["url"].startswith("documents/weihai.html#weihai-")


def test_cli_writes_the_same_bytes_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "计划.ics"
    args = ("plan", "--type", "机关", "--year", "2027", "--format", "ics")
    assert call(*args, "-o", str(target)) == (0, "", "")
    assert target.read_bytes() == call(*args)[1].encode("utf-8")
    assert b"\r\n" in target.read_bytes() and b"\r\r\n" not in target.read_bytes()


def test_cli_ics_to_a_text_stream_keeps_crlf_as_written() -> None:
    raw = io.BytesIO()
    windows = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")  # translates \n as Windows does
    assert run(["plan", "--type", "机关", "--year", "2027", "--format", "ics"], windows, io.StringIO()) == 0
    windows.flush()
    assert raw.getvalue().startswith(b"BEGIN:VCALENDAR\r\nPRODID:") and b"\r\r\n" not in raw.getvalue()


def test_default_year_is_next_year_in_december() -> None:
    assert default_year(dt.date(2026, 11, 30)) == 2026 and default_year(dt.date(2026, 12, 1)) == 2027
    code, out, _ = call("plan", "--type", "机关", "--format", "json")
    assert code == 0 and json.loads(out)["year"] == default_year(dt.date.today())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--type", "机关x"),
            "未知的支部类型“机关x”；可用：机关、事业单位、国有企业、农村、城市社区、非公企业、社会组织、高校、其他\n",
        ),
        (
            ("--type", "机关", "--standard", "beijing"),
            "未知的标准“beijing”；可用：shhg、hefei、suzhou、weihai、shandong\n",
        ),
        (
            ("--type", "机关", "--compare", "weihai,nope"),
            "未知的标准“nope”；可用：shhg、hefei、suzhou、weihai、shandong\n",
        ),
        (("--type", "机关", "--year", "1899"), "年份应在 1900 至 2099 之间，收到“1899”\n"),
        (("--type", "机关", "--year", "2100"), "年份应在 1900 至 2099 之间，收到“2100”\n"),
        (("--type", "机关", "--year", "明年"), "年份应在 1900 至 2099 之间，收到“明年”\n"),
        (
            ("--type", "其它", "--year", "-1"),
            "未知的支部类型“其它”；可用：机关、事业单位、国有企业、农村、城市社区、非公企业、社会组织、高校、其他\n"
            "年份应在 1900 至 2099 之间，收到“-1”\n",
        ),
    ],
)
def test_cli_errors_are_chinese_and_exit_2(argv: tuple[str, ...], message: str) -> None:
    assert call("plan", *argv) == (2, "", message)


def test_cli_years_at_the_bounds_and_a_bad_format() -> None:
    assert call("plan", "--type", "机关", "--year", "1900")[0] == 0
    assert call("plan", "--type", "机关", "--year", "2099")[0] == 0
    code, out, err = call("plan", "--type", "机关", "--format", "docx")
    assert code == 2 and out == "" and err.startswith("命令行参数有误：") and "Traceback" not in err


def test_cli_cannot_write_says_so(tmp_path: Path) -> None:
    code, out, err = call("plan", "--type", "机关", "-o", str(tmp_path / "没有这个文件夹" / "计划.txt"))
    assert (code, out) == (2, "") and err.startswith("写入文件失败：")
