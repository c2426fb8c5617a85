"""The committee's 汇总 page gives the same roll-up as `zhibu rollup` on the same files."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.axe import at_top, serious_violations
from tests.support.html import HIDDEN_SIDEWAYS
from tests.support.paths import SAMPLE
from zhibu.cli import run
from zhibu.rubric import default_rubric

pytestmark = pytest.mark.browser
RUBRIC = default_rubric()
HEFEI = sorted(i.id for i in RUBRIC.items_for(("hefei",), "机关") if not i.rules)  # the sample is a 机关 branch


def test_page_and_cli_give_the_same_rollup(page: Page, server: str, tmp_path: Path) -> None:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    names = []
    for i in range(12):
        data = json.loads(json.dumps(base))
        data["branch"]["name"] = f"汇总测试支部{i:02d}"
        for n, item in enumerate(data["answers"]):
            data["answers"][item]["answer"] = "达到" if (n + i) % 5 else "未达到"
        name = f"支部{i:02d}.json"
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        names.append(name)
    (tmp_path / "坏的.json").write_text('{"schema_version": 1, "branch"', encoding="utf-8")
    (tmp_path / "重复.json").write_text((tmp_path / "支部03.json").read_text(encoding="utf-8"), encoding="utf-8")
    names += ["坏的.json", "重复.json"]

    page.goto(f"{server}/self-check/rollup.html")
    expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=60_000)
    page.locator("#rollup-ratio").fill("25")
    page.locator("#rollup-seed").fill("7")
    page.locator("#rollup-files").set_input_files([str(tmp_path / n) for n in names])  # rolled up at once
    report = page.locator(".rollup-report")
    expect(report).to_contain_text("共 12 个支部（期）；无法读取 1 个文件；重复 1 个。", timeout=60_000)
    expect(report).to_contain_text("坏的.json")
    expect(report).to_contain_text("重复.json（与 支部03.json 重复；自查日期相同，保留先读到的 支部03.json）")
    expect(page.locator(".rollup-progress")).to_contain_text("汇总完成：12 个支部（期）")
    assert serious_violations(page) == []
    exported = {}
    for button, name in [
        ("导出汇总结果（JSON）", "page.json"),
        ("导出两张名单（CSV）", "lists.csv"),
        ("导出结论台账（CSV）", "ledgers.csv"),
        ("导出支部一览（CSV）", "branches.csv"),
    ]:
        with page.expect_download() as info:
            page.get_by_role("button", name=button).click()
        info.value.save_as(tmp_path / name)
        exported[name] = (tmp_path / name).read_bytes().decode("utf-8")
    with page.expect_download() as info:  # every table in one workbook (XlsxWriter, fetched now)
        page.get_by_role("button", name="导出全部表格（Excel）").click()
    info.value.save_as(tmp_path / "page.xlsx")

    # The printed report: the summary and signature lines, none of the form.
    page.emulate_media(media="print")
    expect(page.locator(".rollup-sign")).to_be_visible()
    expect(page.locator("#rollup-files")).to_be_hidden()
    expect(page.get_by_role("button", name="汇总", exact=True)).to_be_hidden()
    expect(report.locator("table").first).to_be_visible()
    page.emulate_media(media="screen")

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code = run(["rollup", *names, "--format", "json", "--sample", "0.25", "--seed", "7"], out, err)
        tables = {}
        for table in ("lists", "ledgers", "branches"):
            table_out = io.StringIO()
            assert run(["rollup", *names, "--format", "csv", "--table", table], table_out, err) == 0
            tables[f"{table}.csv"] = table_out.getvalue()
        workbook = ["rollup", *names, "--format", "xlsx", "-o", "cli.xlsx", "--sample", "0.25", "--seed", "7"]
        assert run(workbook, io.StringIO(), err) == 0
    finally:
        os.chdir(cwd)
    assert code == 0
    assert exported["page.json"] == out.getvalue()
    for name, text in tables.items():
        assert exported[name] == text, name
    assert (tmp_path / "page.xlsx").read_bytes() == (tmp_path / "cli.xlsx").read_bytes()
    # The lists in the standard's own words (威海: 达到过硬标准 / 未达到过硬标准).
    assert "未达到过硬标准名单" in exported["lists.csv"] and exported["lists.csv"].startswith("\ufeff标准,名单,支部")


def test_a_runtime_that_cannot_load_points_the_committee_to_the_guide(browser: Browser, server: str) -> None:
    context = browser.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, content_type="text/html", body="x"))
    page = context.new_page()
    page.goto(f"{server}/self-check/rollup.html")
    status = page.locator("#rollup-app .selfcheck-engine")
    expect(status).to_contain_text("评分引擎加载失败", timeout=60_000)
    expect(status).to_contain_text("网站缺少文件 assets/pyodide/pyodide.asm.wasm（HTTP 404）")
    link = status.get_by_role("link", name="部署指南：缺少文件")
    assert (link.get_attribute("href") or "").endswith("deploy/index.html#problem-missing")
    expect(page.get_by_role("button", name="汇总", exact=True)).to_be_disabled()
    context.close()


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1366, 768), (1920, 1080)])
def test_an_unfinished_selfcheck_is_apart_and_nothing_is_hidden_sideways(
    browser: Browser, server: str, tmp_path: Path, width: int, height: int
) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    files = []
    for i in range(3):
        data["branch"]["name"] = f"完成支部{i}"
        files.append(tmp_path / f"{i}.json")
        files[-1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    data["branch"]["name"] = "未完成支部"
    data["answers"] = dict(list(data["answers"].items())[:3])
    files.append(tmp_path / "unfinished.json")
    files[-1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server}/self-check/rollup.html")
    expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=60_000)
    page.locator("#rollup-files").set_input_files([str(f) for f in files])  # no button to press
    report = page.locator(".rollup-report")
    expect(report).to_contain_text("威海 过硬支部（3 个支部完成自查）", timeout=60_000)
    expect(report.locator(".rollup-incomplete")).to_contain_text("自查未完成 1 个")
    expect(report.locator(".rollup-incomplete")).to_contain_text("未完成支部")
    expect(report).to_contain_text("未达到过硬标准名单 3 个")
    report.locator("details summary").first.click()  # the branch table, opened
    assert page.evaluate(HIDDEN_SIDEWAYS, "#rollup-app") == []
    at_top(page)
    assert serious_violations(page) == []
    context.close()


def test_the_first_grading_cap_is_checked_only_when_the_committee_says_so(
    page: Page, server: str, tmp_path: Path
) -> None:
    # 合肥 四 caps “A” at 10% of branches on the first grading (首次定级) only: 3 A of 20.
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    base["standard"], base["compare"] = "hefei", []
    names = []
    for i in range(20):
        data = json.loads(json.dumps(base))
        data["branch"]["name"] = f"合肥测试支部{i:02d}"
        data["answers"] = {item: {"answer": "达到" if i < 3 else "未达到"} for item in HEFEI}
        names.append(tmp_path / f"{i:02d}.json")
        names[-1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.goto(f"{server}/self-check/rollup.html")
    expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=60_000)
    page.locator("#rollup-ratio").fill("0")
    page.locator("#rollup-files").set_input_files([str(n) for n in names])
    cap = page.locator(".rollup-report [data-cap=A]")
    expect(cap).to_contain_text("“A” 3 个；此上限只适用于首次定级，本次汇总未标明为首次定级，不检查", timeout=60_000)
    page.get_by_label("本次汇总是首次定级", exact=False).check()  # rolled up again at once
    expect(cap).to_contain_text("允许 2 个，超出 1 个，需调整（本次为首次定级）", timeout=60_000)
    expect(cap).to_have_class("rollup-over")
    with page.expect_download() as info:
        page.get_by_role("button", name="导出汇总结果（JSON）").click()
    info.value.save_as(tmp_path / "page.json")
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the page names each file by its name alone
    try:
        assert run(["rollup", *[n.name for n in names], "--format", "json", "--first-grading"], out, err) == 0
    finally:
        os.chdir(cwd)
    assert (tmp_path / "page.json").read_text(encoding="utf-8") == out.getvalue()
