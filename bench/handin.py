"""Print how long the self-check page takes to make what a secretary hands in (issue 18).

Run: .venv/bin/python -m bench.handin [--runs 5]   (after ./scripts/build)

In headless Chromium against the built site on 127.0.0.1 (http.server, in a process of its own),
with the sample branch's self-check open (威海, 机关: the items its standard asks, its facts and
meeting log, 16 findings), click to saved file for each export, and the year's plan and the
group chart from the click / the scroll to drawn. "first" is the first time in a page (Excel then
fetches and installs XlsxWriter; the chart fetches Apache ECharts), "again" the median of the
repeats in the same page. Each run is a new browser.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.support.paths import ROOT, SAMPLE
from tests.support.selfcheck import import_file, open_selfcheck, wait_scored
from tests.support.servers import CHROMIUM_ARGS, QuietHandler, chromium, serve_in_process

EXPORTS = (
    ("Word 自查报告与整改方案", "导出自查报告与整改方案（Word）"),
    ("Excel 问题与整改清单", "导出问题与整改清单（Excel）"),
    ("CSV 问题与整改清单", "导出问题与整改清单（CSV）"),
    ("JSON 评分结果", "导出评分结果（JSON）"),
)


def export_ms(page: Page, button: str, folder: Path) -> float:
    start = time.perf_counter()
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(folder / info.value.suggested_filename)
    return 1000 * (time.perf_counter() - start)


def plan_ms(page: Page) -> float:
    section = page.locator(".selfcheck-plan")
    section.scroll_into_view_if_needed()
    start = time.perf_counter()
    page.get_by_role("button", name="生成计划").click()
    section.locator("table").first.wait_for()
    return 1000 * (time.perf_counter() - start)


def chart_ms(page: Page) -> float:
    figure = page.locator("figure[data-chart=groups]")
    start = time.perf_counter()
    figure.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure[data-chart=groups]').dataset.drawn === '1'")
    return 1000 * (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    first: dict[str, list[float]] = {}
    again: dict[str, list[float]] = {}
    with (
        serve_in_process(ROOT / "site", QuietHandler) as url,
        sync_playwright() as pw,
        tempfile.TemporaryDirectory() as tmp,
    ):
        for _ in range(args.runs):
            browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
            open_selfcheck(page, url, standard=None)
            import_file(page, SAMPLE)
            wait_scored(page)
            page.locator(".selfcheck-findings-table tbody tr").first.wait_for()
            first.setdefault("图表：各部分得分与失分（滚动到图）", []).append(chart_ms(page))
            for name, button in EXPORTS:
                first.setdefault(name, []).append(export_ms(page, button, Path(tmp)))
                again.setdefault(name, []).extend(export_ms(page, button, Path(tmp)) for _ in range(3))
            first.setdefault("年度工作计划（点击到表格）", []).append(plan_ms(page))
            items = page.locator("fieldset.selfcheck-item").count()
            browser.close()
    print(f"自查页（样例支部，页面上 {items} 项评价，1366×768，{args.runs} 次的中位数，毫秒）")
    print(f"{'':<28}{'第一次':>8}{'再次':>8}")
    for name, times in first.items():
        later = f"{statistics.median(again[name]):>8.0f}" if name in again else f"{'':>8}"
        print(f"{name:<28}{statistics.median(times):>8.0f}{later}")


if __name__ == "__main__":
    main()
