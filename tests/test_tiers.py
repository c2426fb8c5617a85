"""Which runtime a browser gets (issue 17): engine-boot.js reads what WebAssembly can do before
anything is fetched. A kernel without exception handling or reference types (Chromium 86–95) gets
Pyodide 0.24.1 and the same result as `zhibu score`; one without WebAssembly gets a message that
names it and what will work, and the paper self-check. Chromium 156 plays each older kernel by
having an init script hide the feature (wasm-feature-detect's own test modules, as the boot asks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from tests.support.selfcheck import ENGINE_TIMEOUT, complete_selfcheck_matches_cli
from tests.test_old_kernels import BOOT, wasm_module

pytestmark = pytest.mark.browser

BOOT_TEXT = BOOT.read_text(encoding="utf-8")
# WebAssembly.validate answers false for the named test modules, as an older kernel would.
HIDE = """(() => {
  const hidden = %s;
  const validate = WebAssembly.validate;
  WebAssembly.validate = function (bytes) {
    const b = Array.from(new Uint8Array(bytes.buffer || bytes));
    if (hidden.some((h) => h.length === b.length && h.every((x, i) => x === b[i]))) return false;
    return validate.apply(this, arguments);
  };
})();"""
IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko"


def runtime_files(requests: list[Request]) -> set[str]:
    return {m.group(1) for r in requests if (m := re.search(r"/assets/pyodide/([^?]*)", r.url))}


def hiding(browser: Browser, *features: str, **options: str) -> tuple[BrowserContext, Page, list[Request]]:
    context = browser.new_context(accept_downloads=True, **options)  # type: ignore[arg-type]
    context.add_init_script(HIDE % json.dumps([wasm_module(BOOT_TEXT, "var " + f) for f in features]))
    page = context.new_page()
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r))
    return context, page, requests


def runtime(page: Page) -> dict[str, object]:
    page.wait_for_function("performance.getEntriesByName('selfcheck:runtime').length > 0", timeout=ENGINE_TIMEOUT)
    detail: dict[str, object] = page.evaluate("performance.getEntriesByName('selfcheck:runtime')[0].detail")
    return detail


@pytest.mark.parametrize("feature", ["exceptions", "referenceTypes"])
def test_an_older_kernel_scores_on_pyodide_024_like_the_cli(
    browser: Browser, server: str, tmp_path: Path, feature: str
) -> None:
    context, page, requests = hiding(browser, feature)
    complete_selfcheck_matches_cli(page, server, tmp_path)  # the page's result file equals `zhibu score`'s
    assert runtime(page) == {"tier": 2, "pyodide": "0.24.1", "python": "3.11.3"}
    assert page.evaluate("performance.getEntriesByName('selfcheck:tier-2').length") == 1
    expect(page.locator(".selfcheck-runtime")).to_have_text(re.compile(r"兼容版评分引擎（Pyodide 0\.24\.1"))
    fetched = runtime_files(requests)
    assert "legacy/pyodide.asm.wasm" in fetched and "legacy/stdlib-bytecode.zip" in fetched
    assert not {f for f in fetched if not f.startswith("legacy/")}, "tier 2 fetched the other runtime too"
    context.close()


def test_a_current_kernel_runs_pyodide_314(page: Page, server: str) -> None:
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r))
    page.goto(f"{server}/self-check/index.html")
    assert runtime(page) == {"tier": 1, "pyodide": "314.0.7", "python": "3.14.2"}
    assert page.evaluate("performance.getEntriesByName('selfcheck:tier-1').length") == 1
    assert not {f for f in runtime_files(requests) if f.startswith("legacy/")}


def test_without_webassembly_the_page_names_the_browser_and_offers_paper(browser: Browser, server: str) -> None:
    context = browser.new_context(user_agent=IE11)  # a 360 in its IE mode sends IE's own string
    context.add_init_script("delete window.WebAssembly")
    page = context.new_page()
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r))
    page.goto(f"{server}/self-check/index.html")
    note = page.locator(".selfcheck-engine")
    expect(note).to_contain_text("当前浏览器无法运行评分引擎（浏览器不支持 WebAssembly）")
    expect(note).to_contain_text("Internet Explorer，或双核浏览器的兼容（IE）模式，IE 11 内核（Trident）")
    expect(note).to_contain_text("切换到“极速模式”")
    expect(note).to_contain_text("zhibu score")
    expect(note.get_by_role("link", name="纸质自查表")).to_have_attribute("href", "paper/index.html")
    assert page.evaluate("performance.getEntriesByName('selfcheck:tier-3').length") == 1
    assert not runtime_files(requests)
    context.close()


def test_where_no_module_script_runs_a_classic_notice_says_so(browser: Browser, server: str) -> None:
    # IE11 runs classic scripts only: without `noModule` and with the page's modules gone, the
    # notice is all the reader gets, and it must carry the same advice and the paper self-check.
    context = browser.new_context(user_agent=IE11)
    context.add_init_script("delete window.WebAssembly; delete HTMLScriptElement.prototype.noModule;")
    page = context.new_page()
    page.route("**/assets/selfcheck/selfcheck.js", lambda route: route.abort())
    page.goto(f"{server}/self-check/index.html")
    alert = page.locator("#selfcheck-app .selfcheck-alert")
    expect(alert).to_contain_text("当前浏览器无法运行支部自查（浏览器不支持 WebAssembly）")
    expect(alert).to_contain_text("IE 11 内核（Trident）")
    expect(alert.get_by_role("link", name="纸质自查表")).to_have_attribute(
        "href", re.compile(r"self-check/paper/index\.html$")
    )
    context.close()


@pytest.mark.parametrize(
    ("agent", "named"),
    [
        (
            "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 "
            "Safari/537.36 QIHU 360SE",
            "360安全浏览器，Chromium 86 内核",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.25 "
            "Safari/537.36 Core/1.70.3870.400 QQBrowser/10.8.4405.400",
            "QQ浏览器，Chromium 70 内核",
        ),
    ],
)
def test_the_message_names_dual_core_browsers(browser: Browser, server: str, agent: str, named: str) -> None:
    context = browser.new_context(user_agent=agent)
    context.add_init_script("delete window.WebAssembly")
    page = context.new_page()
    page.goto(f"{server}/self-check/index.html")
    expect(page.locator(".selfcheck-engine")).to_contain_text(f"本页识别到的浏览器是：{named}。")
    context.close()
