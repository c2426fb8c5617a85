"""Charts (issue 18, item 5): the self-check by group and the 汇总's figures, drawn by the vendored
Apache ECharts from the engine's own numbers, each with its table; under the guide's nginx and its
Content-Security-Policy, with nothing off the origin and axe clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect

from tests.support.axe import serious_violations
from tests.support.paths import SAMPLE
from tests.support.selfcheck import cli, import_file, open_selfcheck, wait_scored

pytestmark = pytest.mark.browser

ROWS = """(figure) => [...figure.querySelectorAll('.zhibu-chart__table tbody tr')].map(
  (tr) => [...tr.children].map((c) => c.textContent))"""


def watch(page: Page, origin: str) -> list[str]:
    """Whatever goes wrong while the test drives the page: script errors, console errors (a CSP
    refusal among them) and any request off the origin."""
    seen: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.append(f"console: {message.text}")

    def request(req: Request) -> None:
        if not req.url.startswith((origin, "data:", "blob:")):
            seen.append(f"off origin: {req.url}")

    page.on("pageerror", lambda e: seen.append(f"pageerror: {e}"))
    page.on("console", console)
    page.on("request", request)
    return seen


def near(shown: str, value: float) -> bool:
    """A number as the chart's table shows it (one decimal at most) against the engine's."""
    return abs(float(shown.rstrip("%")) - value) <= 0.051


def test_the_self_check_by_group_is_the_engines_numbers(browser: Browser, nginx_server: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    trouble = watch(page, nginx_server)
    open_selfcheck(page, nginx_server, standard=None)
    import_file(page, SAMPLE)
    wait_scored(page)
    figure = page.locator("figure[data-chart=groups]")
    figure.scroll_into_view_if_needed()  # drawn when it comes into view
    expect(figure).to_have_attribute("data-drawn", "1")
    box = figure.locator("canvas").first.bounding_box()
    assert box and box["width"] > 500 and box["height"] > 150

    code, out, _ = cli("score", str(SAMPLE), "--format", "json")
    assert code == 0
    groups = json.loads(out)["schemes"][0]["groups"]
    rows = figure.evaluate(ROWS)
    assert [r[0] for r in rows] == [g["name"] for g in groups]
    for (_, scored, lost, points, ratio), g in zip(rows, groups, strict=True):
        assert near(scored, g["points"] - g["lost"]) and near(lost, g["lost"]) and near(points, g["points"])
        assert near(ratio, 100 * g["ratio"])
    # The table is there for screen readers, and for the eye on request.
    table = figure.locator(".zhibu-chart__data")
    assert table.bounding_box() is not None and table.bounding_box()["width"] <= 1  # type: ignore[index]
    figure.get_by_role("button", name="显示数据表").click()
    expect(table).to_be_visible()
    assert table.bounding_box()["width"] > 200  # type: ignore[index]
    assert serious_violations(page, within="figure.zhibu-chart") == []  # the page as a whole: test_accessibility.py

    # The printed report: the same chart, drawn for the paper, with its table.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    printed = page.locator(".selfcheck-report figure.zhibu-chart")
    expect(printed.locator("canvas")).to_have_count(1)
    expect(printed.locator(".zhibu-chart__table")).to_be_visible()
    assert printed.evaluate(ROWS) == rows
    assert page.pdf(format="A4").startswith(b"%PDF")
    assert trouble == []
    page.close()


def test_the_rollups_charts_hold_the_summarys_numbers(browser: Browser, nginx_server: str, tmp_path: Path) -> None:
    # 苏州 in 2020 and 2021 (the years its document sets targets for), under three parents.
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    names = []
    for i in range(18):
        year = 2020 if i < 9 else 2021
        text = json.dumps(base, ensure_ascii=False).replace("2026-", f"{year}-").replace('"2023-', f'"{year - 3}-')
        data = json.loads(text)
        data["branch"]["name"] = f"图表测试支部{i:02d}"
        data["branch"]["parent"] = ["市直机关工委", "市教育局党委", "市卫健委党委"][i % 3]
        data["standard"], data["compare"] = "suzhou", []
        for n, item in enumerate(data["answers"]):
            data["answers"][item]["answer"] = "未达到" if (n * 7 + i) % (4 + i % 3) == 0 else "达到"
        path = tmp_path / f"支部{i:02d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        names.append(str(path))

    page = browser.new_page(viewport={"width": 1366, "height": 768})
    trouble = watch(page, nginx_server)
    page.goto(f"{nginx_server}/self-check/rollup.html")
    expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=60_000)
    page.locator("#rollup-files").set_input_files(names)
    report = page.locator(".rollup-report")
    expect(report).to_contain_text("共 18 个支部（期）", timeout=60_000)
    figures = report.locator("figure.zhibu-chart")
    expect(figures).to_have_count(4)  # ratio against target, distribution, by parent, common problems
    expect(figures.first).to_have_attribute("data-drawn", "1")  # in view: drawn; the rest as they come
    with page.expect_download() as info:
        page.get_by_role("button", name="导出汇总结果（JSON）").click()
    info.value.save_as(tmp_path / "summary.json")
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["schemes"]["suzhou"]
    distribution = report.locator("figure[data-chart^=distribution]").evaluate(ROWS)
    assert distribution == [[b["band"], str(b["branches"])] for b in summary["distribution"]]
    parents = report.locator("figure[data-chart^=parents]").evaluate(ROWS)
    assert [(r[0], r[2], r[3]) for r in parents] == [
        (p["parent"], str(p["branches"]), str(p["passed"])) for p in summary["by_parent"]
    ]
    assert all(near(r[1], p["mean"]) for r, p in zip(parents, summary["by_parent"], strict=True))
    # The ratio chart's numbers are the table right below it (page and CLI: tests/test_rollup_page.py).
    ratio = report.locator("figure[data-chart^=ratio]")
    expect(ratio).to_contain_text("数据见下表")
    assert [r["target"] for r in summary["ratios"]] == [0.8, 1.0]
    assert serious_violations(page) == []
    # Printing draws the charts never scrolled to (the common problems, far below), at the paper's width.
    assert figures.last.get_attribute("data-drawn") is None
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    for figure in figures.all():
        expect(figure).to_have_attribute("data-drawn", "1")
        box = figure.locator("canvas").bounding_box()
        assert box and box["width"] <= 640
    assert trouble == []
    page.close()
