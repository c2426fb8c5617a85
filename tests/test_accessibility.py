"""axe-core finds no serious or critical violation on any page type, in its states, in both palettes and on a phone."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Dialog, Page, Route, expect

from tests.support.axe import at_top, serious_violations
from tests.support.paths import SAMPLE, html_pages
from tests.support.selfcheck import choose_standard, import_file, wait_scored

ENGINE_TIMEOUT = 60_000
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
PHONE = pytest.mark.browser_context_args(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
# Both palettes on a desktop window, and the light one on a phone (narrow layout, sticky totals).
VIEWS = ["light", "dark", pytest.param("phone", marks=PHONE)]


def states_by_view(states: Iterable[str], every_view: tuple[str, ...]) -> list[Any]:
    """Every state in the light view; in dark and on the phone only `every_view` (the rest
    differ from those in content, not in colours or layout). Keeps the sweep to minutes."""
    return [
        pytest.param(state, view, marks=PHONE) if view == "phone" else (state, view)
        for state in states
        for view in ("light", "dark", "phone")
        if view == "light" or state in every_view
    ]


def goto(page: Page, url: str, view: str) -> None:
    """Open `url` as a reader whose system is set to the view's palette (Material follows it)."""
    scheme: Literal["dark", "light"] = "dark" if view == "dark" else "light"
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == SCHEMES[scheme]


# --- Pages without states: one of each type --------------------------------------------

STATIC_PAGES = (
    "index.html",  # 首页
    "topics/index.html",  # 按主题
    "topics/zuzhi-shenghuo.html",  # a topic (the longest)
    "documents/index.html",  # 按文件
    "documents/weihai.html",  # a document (the longest)
    "numbers.html",  # 数字一览
    "timeline.html",  # 时间表
    "glossary.html",  # 术语
    "about.html",  # 关于本站
    "performance.html",  # 性能
    "deploy/index.html",  # 部署指南
    "self-check/rubric.html",  # 自查规则与文件格式
    "self-check/paper/index.html",  # 纸质自查表
    "self-check/paper/weihai-jiguan.html",  # one paper self-check (the longest standard)
    "self-check/paper/records-weihai-jiguan.html",  # one 备查材料清单 (the longest standard)
    "404.html",
)
WITH_STATES = ("self-check/index.html", "self-check/rollup.html")  # tested below, state by state
SAME_TEMPLATE = ("topics/", "documents/", "self-check/paper/")  # every topic / document page is built alike


def test_every_built_page_is_one_of_the_tested_types(site_dir: Path) -> None:
    pages = {p.relative_to(site_dir).as_posix() for p in html_pages(site_dir)} | {"404.html"}
    untested = sorted(p for p in pages - set(STATIC_PAGES) - set(WITH_STATES) if not p.startswith(SAME_TEMPLATE))
    assert untested == [], f"新的页面类型，请加入 STATIC_PAGES：{untested}"
    assert set(STATIC_PAGES) | set(WITH_STATES) <= pages


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", STATIC_PAGES)
def test_page_type(page: Page, server: str, path: str, view: str) -> None:
    goto(page, f"{server}/{path}", view)
    assert serious_violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS)
def test_search_results_open(page: Page, server: str, view: str) -> None:
    goto(page, f"{server}/index.html", view)
    opener = page.locator('label.md-header__button[for="__search"]')  # the magnifier on a phone
    (opener if opener.is_visible() else page.locator("input.md-search__input")).click()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("初始化", timeout=15_000)
    box = page.locator("input.md-search__input")
    box.fill("三会一课")
    box.press("End")  # Material reacts to key events, not to `fill` alone
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert serious_violations(page) == []


@pytest.mark.browser
def test_glossary_tooltip_open(page: Page, server: str) -> None:
    goto(page, f"{server}/topics/zuzhi-shenghuo.html", "light")
    page.locator("article abbr").first.hover()
    expect(page.locator(".md-tooltip2--active, .md-tooltip--active").first).to_be_visible()
    assert serious_violations(page) == []


# --- The self-check page, state by state ------------------------------------------------


def open_selfcheck(page: Page, server: str, view: str, standard: str | None = "weihai") -> None:
    """The page with its engine ready; a new self-check's standard chosen unless `standard` is None."""
    goto(page, f"{server}/self-check/index.html", view)
    page.wait_for_function(
        "() => document.getElementById('selfcheck-app').dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT
    )
    if standard:
        choose_standard(page, standard)
        wait_scored(page)
        at_top(page)


def fresh(page: Page, server: str, view: str, tmp_path: Path) -> None:
    """The first step: only the branch and its standard are asked."""
    open_selfcheck(page, server, view, standard=None)
    expect(page.locator("#sc-standard-first")).to_be_visible()


def standard_chosen(page: Page, server: str, view: str, tmp_path: Path) -> None:
    open_selfcheck(page, server, view, standard="hefei")  # 机关 under 合肥: 11 items left out
    page.locator(".selfcheck-compare > summary").click()
    page.locator("#sc-compare-weihai").check()
    page.locator("[data-left-out=hefei] > summary").click()
    at_top(page)


def answered_with_a_finding(page: Page, server: str, view: str, tmp_path: Path) -> None:
    open_selfcheck(page, server, view)
    item = page.locator("fieldset.selfcheck-item").first
    item_id = item.get_attribute("data-item")
    item.get_by_label("未达到", exact=True).check()
    expect(page.locator(".selfcheck-findings-table tbody")).to_contain_text(item_id or "?")
    expect(item.locator("textarea")).to_be_enabled()  # the note for this item opens


def imported_sample(page: Page, server: str, view: str, tmp_path: Path) -> None:
    open_selfcheck(page, server, view)
    import_file(page, SAMPLE)
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    page.locator(".selfcheck-findings-table tbody tr").first.wait_for()


def import_refused(page: Page, server: str, view: str, tmp_path: Path) -> None:
    open_selfcheck(page, server, view)
    bad = tmp_path / "坏的.json"
    bad.write_text(SAMPLE.read_text(encoding="utf-8")[:500], encoding="utf-8")
    import_file(page, bad)
    expect(page.locator(".selfcheck-messages")).to_contain_text("不能导入，当前内容没有任何改动")


def deleted_after_confirming(page: Page, server: str, view: str, tmp_path: Path) -> None:
    # The confirmation is the browser's own window.confirm: browser UI, outside the page, so
    # axe cannot (and need not) read it; what it asks and what the page shows after are checked.
    open_selfcheck(page, server, view)
    page.locator(".selfcheck-form").get_by_label("支部名称", exact=True).fill("要删除的支部")
    page.get_by_role("button", name="新建").click()
    asked: list[str] = []

    def confirm(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", confirm)
    page.get_by_role("button", name="删除").click()
    expect(page.locator(".selfcheck-messages")).to_contain_text("已删除")
    assert asked and "删除后不能恢复" in asked[0]


def engine_failed(page: Page, server: str, view: str, tmp_path: Path) -> None:
    def missing(route: Route) -> None:
        route.fulfill(status=404, content_type="text/html", body="not found")

    page.route("**/pyodide.asm.wasm", missing)
    goto(page, f"{server}/self-check/index.html", view)
    expect(page.locator(".selfcheck-engine")).to_have_attribute("data-state", "failed", timeout=ENGINE_TIMEOUT)


SELFCHECK_STATES: dict[str, Callable[[Page, str, str, Path], None]] = {
    "fresh": fresh,
    "standard-chosen": standard_chosen,
    "answered-with-a-finding": answered_with_a_finding,
    "imported-sample": imported_sample,
    "import-refused": import_refused,
    "deleted-after-confirming": deleted_after_confirming,
    "engine-failed": engine_failed,
}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("state", "view"), states_by_view(SELFCHECK_STATES, ("fresh", "standard-chosen", "answered-with-a-finding"))
)
def test_selfcheck_page(page: Page, server: str, tmp_path: Path, state: str, view: str) -> None:
    SELFCHECK_STATES[state](page, server, view, tmp_path)
    assert serious_violations(page) == []


# --- The roll-up page (after a full roll-up: also tests/test_rollup_page.py) -----------------


def open_rollup(page: Page, server: str, view: str) -> None:
    goto(page, f"{server}/self-check/rollup.html", view)
    expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=ENGINE_TIMEOUT)


def rollup_no_files(page: Page, tmp_path: Path) -> None:
    page.get_by_role("button", name="汇总", exact=True).click()
    expect(page.locator(".rollup-output")).to_contain_text("请先选择自查文件")


def rollup_done(page: Page, tmp_path: Path) -> None:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    names = []
    for i in range(3):
        base["branch"]["name"] = f"无障碍测试支部{i}"
        (tmp_path / f"{i}.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
        names.append(tmp_path / f"{i}.json")
    (tmp_path / "坏的.json").write_text("{", encoding="utf-8")
    page.locator("#rollup-files").set_input_files([*names, tmp_path / "坏的.json"])  # rolled up at once
    page.wait_for_function("() => performance.getEntriesByName('rollup:done').length > 0", timeout=ENGINE_TIMEOUT)
    expect(page.locator(".rollup-report")).to_contain_text("坏的.json")


ROLLUP_STATES: dict[str, Callable[[Page, Path], None]] = {
    "fresh": lambda page, tmp_path: None,
    "no-files": rollup_no_files,
    "done": rollup_done,
}


@pytest.mark.browser
@pytest.mark.parametrize(("state", "view"), states_by_view(ROLLUP_STATES, ("done",)))
def test_rollup_page(page: Page, server: str, tmp_path: Path, state: str, view: str) -> None:
    open_rollup(page, server, view)
    ROLLUP_STATES[state](page, tmp_path)
    assert serious_violations(page) == []
