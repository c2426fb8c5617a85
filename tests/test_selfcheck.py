"""The self-check page in Chromium: same result as the CLI, nothing lost, safe, offline, printable."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.support.axe import serious_violations
from tests.support.paths import SAMPLE
from tests.support.selfcheck import (
    ENGINE_TIMEOUT,
    choose_standard,
    cli,
    complete_selfcheck_matches_cli,
    download,
    field,
    import_file,
    open_selfcheck,
    rescores,
    wait_rescored,
)

pytestmark = pytest.mark.browser


def test_completed_selfcheck_gives_the_cli_result(page: Page, server: str, tmp_path: Path) -> None:
    complete_selfcheck_matches_cli(page, server, tmp_path)


def test_reload_finds_every_answer(page: Page, server: str) -> None:
    open_selfcheck(page, server, standard="weihai")  # it asks for party groups and meetings
    field(page, "支部名称").fill("重新加载测试支部")
    field(page, "正式党员人数").fill("12")
    page.get_by_role("button", name="添加党小组").click()
    page.get_by_label("党员人数（第 1 行）").fill("4")
    page.get_by_label("党员大会 2026-03").fill("1")
    item = page.locator("fieldset.selfcheck-item").first
    item.get_by_label("基本达到", exact=True).check()
    item.get_by_role("textbox").fill("说明文字")
    page.reload()
    page.wait_for_function("performance.getEntriesByName('selfcheck:first-score').length > 0", timeout=ENGINE_TIMEOUT)
    expect(field(page, "支部名称")).to_have_value("重新加载测试支部")
    expect(field(page, "正式党员人数")).to_have_value("12")
    expect(page.get_by_label("党员人数（第 1 行）")).to_have_value("4")
    expect(page.get_by_label("党员大会 2026-03")).to_have_value("1")
    item = page.locator("fieldset.selfcheck-item").first
    expect(item.get_by_label("基本达到", exact=True)).to_be_checked()
    expect(item.get_by_role("textbox")).to_have_value("说明文字")
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('zhibu.selfcheck.v1.'))")
    assert "zhibu.selfcheck.v1.index" in stored


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("truncated", "文件不完整"),
        ("version", "文件由更新版本的程序创建"),
        ("oversized", "文件太大"),
    ],
)
def test_bad_import_is_refused_and_changes_nothing(
    page: Page, server: str, tmp_path: Path, content: str, message: str
) -> None:
    open_selfcheck(page, server)
    field(page, "支部名称").fill("不能丢的支部")
    records = page.locator("#sc-record option").count()
    text = SAMPLE.read_text(encoding="utf-8")
    if content == "truncated":
        text = text[: len(text) // 2]
    elif content == "version":
        data = json.loads(text)
        data["schema_version"] = 9
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = " " * 2_100_000
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    import_file(page, bad)
    expect(page.locator(".selfcheck-messages")).to_contain_text(message)
    expect(page.locator(".selfcheck-messages")).to_contain_text("不能导入")
    expect(field(page, "支部名称")).to_have_value("不能丢的支部")
    assert page.locator("#sc-record option").count() == records


def test_html_in_an_imported_note_stays_text(page: Page, server: str, tmp_path: Path) -> None:
    open_selfcheck(page, server)
    page.evaluate("window.__xss = 0")
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    payload = '<img src=x onerror="window.__xss=1"><b>粗体</b>'
    data["answers"]["bzjs.07"]["note"] = payload
    data["branch"]["name"] = "<script>window.__xss=2</script>支部"
    path = tmp_path / "xss.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_file(page, path)
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    expect(page.locator(".selfcheck-findings")).to_contain_text(payload)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") == 0
    assert page.locator(".selfcheck img, .selfcheck b, .selfcheck-form script").count() == 0
    expect(field(page, "支部名称")).to_have_value("<script>window.__xss=2</script>支部")


def test_imported_sample_scores_like_the_cli(page: Page, server: str) -> None:
    open_selfcheck(page, server)
    import_file(page, SAMPLE)
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    code, out, _ = cli("score", "--format", "json", str(SAMPLE))
    expected = {s["id"]: (f"{s['score']:.1f}", s["verdict"]["label"]) for s in json.loads(out)["schemes"]}
    for scheme, (score, label) in expected.items():
        card = page.locator(f".selfcheck-panel .selfcheck-score[data-scheme={scheme}]")
        expect(card).to_contain_text(score)
        expect(card).to_contain_text(label)
    assert code == 0
    outcome = page.locator("[data-outcome='zzsh.02']")
    expect(outcome).to_have_text("未达到：应每月至少 1 次党小组会，未达到的有：2026年8月（0 次）")


def test_nothing_leaves_the_origin_and_docs_pages_load_no_runtime(browser: Browser, server: str) -> None:
    context = browser.new_context()
    seen: list[str] = []

    def record(route: Route) -> None:
        seen.append(route.request.url)
        if route.request.url.startswith(server) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    page.goto(f"{server}/topics/zuzhi-shenghuo.html", wait_until="networkidle")
    docs_requests = list(seen)
    assert not [u for u in docs_requests if "pyodide" in u or "selfcheck" in u or "echarts" in u or u.endswith(".wasm")]
    open_selfcheck(page, server)
    # The chart library: only once there is something to draw, and the chart comes into view.
    import_file(page, SAMPLE)
    page.locator(".selfcheck-findings-table tbody tr").first.wait_for()
    assert not [u for u in seen if "echarts" in u]
    page.locator("figure[data-chart=groups]").scroll_into_view_if_needed()
    expect(page.locator("figure[data-chart=groups]")).to_have_attribute("data-drawn", "1")
    assert [u for u in seen if "echarts" in u] == [f"{server}/assets/vendor/echarts/echarts.simple.min.js"]
    assert any(u.endswith("pyodide.asm.wasm") for u in seen)
    assert any("zhibu-" in u and u.split("?")[0].endswith(".whl") for u in seen)
    assert [u for u in seen if not u.startswith(server) and not u.startswith(("data:", "blob:"))] == []
    context.close()


def test_print_view_is_the_report(page: Page, server: str) -> None:
    open_selfcheck(page, server)
    page.locator("#sc-import-file").set_input_files(str(SAMPLE))
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    page.emulate_media(media="print")
    report = page.locator(".selfcheck-report")
    expect(report).to_be_visible()
    expect(report).to_contain_text("党支部自查报告")
    expect(report).to_contain_text("市示例局机关第一党支部")
    expect(report).to_contain_text("威海 过硬支部")
    expect(report).to_contain_text("支部书记（签字）")
    # The meeting log with what the standard asks under each meeting (the engine's grid): 党小组会
    # met every month but August, December not yet due.
    page.locator(".selfcheck-findings-table tbody tr").first.wait_for(state="attached")  # scored
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    need = report.locator(".selfcheck-report__meetings tr.selfcheck-need[data-meeting=党小组会]")
    expect(need.locator("th")).to_contain_text("要求：每月至少 1 次")
    expect(need.locator("[data-state=short]")).to_have_count(1)
    expect(need.locator("[data-state=short]")).to_contain_text("2026年8月")
    expect(report.locator(".selfcheck-report__key")).to_contain_text("差 n：已结束、未达到")
    assert not page.locator(".selfcheck-form").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_unsupported_browser_keeps_the_form(browser: Browser, server: str, tmp_path: Path) -> None:
    context: BrowserContext = browser.new_context(accept_downloads=True)
    context.add_init_script("delete window.WebAssembly")
    page = context.new_page()
    page.goto(f"{server}/self-check/index.html")
    note = page.locator(".selfcheck-engine")
    expect(note).to_contain_text("当前浏览器无法运行评分引擎")
    expect(note).to_contain_text("换用 Chromium 86 及以上内核的浏览器")
    expect(note.get_by_role("link", name="纸质自查表")).to_have_attribute("href", "paper/index.html")
    field(page, "支部名称").fill("旧浏览器支部")
    expect(page.locator(".selfcheck-save")).to_contain_text("已自动保存")
    page.get_by_role("button", name="导出自查文件").click()  # a file without its standard would not import
    expect(page.locator(".selfcheck-messages")).to_contain_text("请先在第一部分选择考核标准")
    choose_standard(page, "weihai")
    saved = download(page, "导出自查文件", tmp_path / "old.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["branch"]["name"], data["standard"], data["schema_version"]) == ("旧浏览器支部", "weihai", 2)
    assert page.get_by_role("button", name="导出评分结果（JSON）").is_disabled()
    context.close()


@pytest.mark.parametrize(
    ("page_file", "app", "words"),
    [("index.html", "selfcheck-app", "支部自查需要"), ("rollup.html", "rollup-app", "汇总工具需要")],
)
def test_file_protocol_explains_how_to_serve(page: Page, site_dir: Path, page_file: str, app: str, words: str) -> None:
    page.goto((site_dir / "self-check" / page_file).as_uri())
    alert = page.locator(f"#{app} .selfcheck-alert")
    expect(alert).to_contain_text(f"{words}通过 http 访问本站")
    expect(alert).to_contain_text("python -m http.server 8000")
    expect(alert).to_contain_text(f"http://127.0.0.1:8000/self-check/{page_file}")


def test_the_404_page_speaks_chinese(site_dir: Path) -> None:
    text = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in text and "Not found" not in text


def test_instant_navigation_mounts_the_page_each_time(page: Page, server: str) -> None:
    page.goto(f"{server}/index.html")
    page.get_by_role("link", name="开始支部自查 →").click()
    expect(page.locator(".selfcheck-toolbar")).to_be_visible(timeout=ENGINE_TIMEOUT)
    page.locator(".md-tabs").get_by_role("link", name="术语").click()
    expect(page).to_have_url(f"{server}/glossary.html")
    page.go_back()
    expect(page.locator(".selfcheck-toolbar")).to_be_visible()
    expect(page.locator(".selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=ENGINE_TIMEOUT)


def focused(page: Page) -> dict[str, str]:
    info: dict[str, str] = page.evaluate(
        "(() => { const e = document.activeElement; return {tag: e.tagName, name: e.name || '', id: e.id || '',"
        " label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 20), type: e.type || '',"
        " form: e.closest('.selfcheck-form') ? 'yes' : 'no'}; })()"
    )
    return info


def tab_until(page: Page, want: Any, limit: int = 400) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if want(info):
            return info
    raise AssertionError("键盘无法到达目标控件")


def test_a_selfcheck_by_keyboard_alone(page: Page, server: str, tmp_path: Path) -> None:
    open_selfcheck(page, server)
    page.locator("body").focus()
    tab_until(page, lambda f: f["form"] == "yes" and f["type"] == "text")  # 支部名称 comes first in the form
    page.keyboard.type("键盘支部")
    radio = tab_until(page, lambda f: f["name"].startswith("sc-answer-"))
    page.keyboard.press("Space")
    item = radio["name"].removeprefix("sc-answer-")
    expect(page.locator(f"fieldset[data-item='{item}'] input[value='达到']")).to_be_checked()
    page.keyboard.press("ArrowRight")  # moves the choice within the group
    expect(page.locator(f"fieldset[data-item='{item}'] input[value='基本达到']")).to_be_checked()
    page.keyboard.press("Shift+Tab")
    while focused(page)["label"] != "导出自查文件":
        page.keyboard.press("Shift+Tab")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    info.value.save_as(tmp_path / "keyboard.json")
    data = json.loads((tmp_path / "keyboard.json").read_text(encoding="utf-8"))
    assert data["branch"]["name"] == "键盘支部" and data["answers"][item]["answer"] == "基本达到"


def test_dark_palette_and_a_phone(browser: Browser, server: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    open_selfcheck(page, server, standard=None)
    expect(page.locator(".selfcheck-panel")).to_be_hidden()  # the first step: no bar over the choices
    import_file(page, SAMPLE)
    page.locator(".selfcheck-findings-table tbody tr").first.wait_for()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("#sc-meetings").scroll_into_view_if_needed()  # working in the form: the totals stay in view
    panel = page.locator(".selfcheck-panel")
    expect(panel).to_be_in_viewport()
    # One line at the bottom, under 15% of the screen, that opens on a tap and closes again.
    toggle = page.locator(".selfcheck-panel__toggle")
    expect(toggle).to_contain_text("未达到过硬标准")
    box = panel.bounding_box()
    assert box is not None and box["height"] <= 0.15 * 740, box
    assert serious_violations(page) == []
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel.locator(".selfcheck-score--standard")).to_be_visible()
    expect(panel).to_contain_text("结论怎样得出")
    assert serious_violations(page, within=".selfcheck-panel") == []  # what opened
    toggle.click()
    expect(panel.locator(".selfcheck-score--standard")).to_be_hidden()
    context.close()


def test_several_selfchecks_are_kept_opened_and_deleted(page: Page, server: str) -> None:
    open_selfcheck(page, server)
    field(page, "支部名称").fill("第一支部")
    page.get_by_role("button", name="新建").click()
    field(page, "支部名称").fill("第二支部")
    options = page.locator("#sc-record option")
    expect(options).to_have_count(2)
    first = page.locator("#sc-record option", has_text="第一支部").get_attribute("value")
    page.locator("#sc-record").select_option(first)
    expect(field(page, "支部名称")).to_have_value("第一支部")
    messages: list[str] = []

    def answer(dialog: Any) -> None:
        messages.append(dialog.message)
        dialog.dismiss() if len(messages) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("button", name="删除").click()  # dismissed: nothing happens
    expect(options).to_have_count(2)
    page.get_by_role("button", name="删除").click()  # accepted
    expect(page.locator(".selfcheck-messages")).to_contain_text("已删除“第一支部”")
    expect(options).to_have_count(1)
    expect(field(page, "支部名称")).to_have_value("第二支部")
    assert "删除后不能恢复" in messages[0]
    # Another page of the site keeps its own localStorage keys untouched.
    page.evaluate("localStorage.setItem('someone-else', 'keep')")
    page.get_by_role("button", name="删除").click()
    assert page.evaluate("localStorage.getItem('someone-else')") == "keep"


@pytest.mark.parametrize(
    ("status", "content_type", "reason"),
    [
        (404, "text/html", "网站缺少文件 assets/pyodide/pyodide.asm.wasm（HTTP 404）"),
        (200, "text/plain", "服务器把 pyodide.asm.wasm 作为“text/plain”发送，应为 application/wasm"),
    ],
)
def test_a_runtime_that_cannot_load_says_why_and_keeps_the_form(
    browser: Browser, server: str, status: int, content_type: str, reason: str
) -> None:
    context = browser.new_context()
    context.route(
        "**/pyodide.asm.wasm", lambda route: route.fulfill(status=status, content_type=content_type, body="x")
    )
    page = context.new_page()
    page.goto(f"{server}/self-check/index.html")
    note = page.locator(".selfcheck-engine")
    expect(note).to_contain_text("评分引擎加载失败", timeout=ENGINE_TIMEOUT)
    expect(note).to_contain_text(reason)
    field(page, "支部名称").fill("引擎失败时的支部")
    expect(page.locator(".selfcheck-save")).to_contain_text("已自动保存")
    context.close()


def altered(route: Route) -> None:
    """A file damaged on its way to the server: one byte changed."""
    if route.request.method == "HEAD":
        route.continue_()
        return
    body = bytearray(route.fetch().body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(status=200, content_type="application/zip", body=bytes(body))


def test_an_altered_engine_package_is_refused_by_its_checksum(browser: Browser, server: str) -> None:
    # The zhibu wheel is listed with its sha256 in the site's pyodide-lock.json: a copy damaged
    # on its way to an intranet server must not run, and the page says so in Chinese.
    context = browser.new_context()
    context.route("**/zhibu-*.whl*", altered)
    page = context.new_page()
    page.goto(f"{server}/self-check/index.html")
    note = page.locator(".selfcheck-engine")
    expect(note).to_contain_text("评分引擎加载失败", timeout=ENGINE_TIMEOUT)
    expect(note).to_contain_text("与网站记录的校验值（pyodide-lock.json）不符")
    assert page.evaluate("performance.getEntriesByName('selfcheck:first-score').length") == 0
    field(page, "支部名称").fill("文件损坏时的支部")
    expect(page.locator(".selfcheck-save")).to_contain_text("已自动保存")
    context.close()


def stdlib_origin(page: Page) -> dict[str, int]:
    """Of the standard-library modules the engine started with, how many came precompiled and
    how many it compiled from source."""
    detail: dict[str, int] = page.evaluate(
        "performance.getEntriesByName('selfcheck:stdlib-bytecode').map((m) => m.detail)[0]"
    )
    return detail


def test_the_engine_starts_on_the_precompiled_standard_library(page: Page, server: str, site_dir: Path) -> None:
    # Pyodide ships the standard library as source; the site adds the modules the engine needs,
    # compiled at build time (stdlib-bytecode.zip): none is compiled in the browser.
    open_selfcheck(page, server)
    record = json.loads((site_dir / "assets" / "pyodide" / "stdlib-bytecode.json").read_text(encoding="utf-8"))
    origin = stdlib_origin(page)
    assert origin["sources"] == 0
    assert 100 < origin["compiled"] <= record["modules"]  # the rest: exports and the roll-up


def test_a_module_outside_the_precompiled_library_brings_in_the_full_one(
    browser: Browser, server: str, site_dir: Path, tmp_path: Path
) -> None:
    # The engine starts on the precompiled standard library alone; csv, imported only for a CSV
    # export, is taken out of it here: the export still works, from the full python_stdlib.zip.
    folder = site_dir / "assets" / "pyodide"
    record = json.loads((folder / "stdlib-bytecode.json").read_text(encoding="utf-8"))
    slim = io.BytesIO()
    with zipfile.ZipFile(folder / record["file"]) as old, zipfile.ZipFile(slim, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "csv.pyc":
                new.writestr(info, old.read(info))
    body = slim.getvalue()
    changed = {**record, "sha256": hashlib.sha256(body).hexdigest(), "elsewhere": [*record["elsewhere"], "csv"]}
    context = browser.new_context(accept_downloads=True)
    context.route("**/stdlib-bytecode.json", lambda r: r.fulfill(status=200, json=changed))
    context.route("**/stdlib-bytecode.zip*", lambda r: r.fulfill(status=200, content_type="application/zip", body=body))
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.method) if r.url.endswith("/python_stdlib.zip") else None)
    page = context.new_page()
    open_selfcheck(page, server)
    assert stdlib_origin(page)["sources"] == 0 and "GET" not in fetched  # started without it
    field(page, "支部名称").fill("完整标准库支部")
    saved = download(page, "导出问题与整改清单（CSV）", tmp_path / "list.csv")
    assert saved.read_bytes().startswith("\ufeff序号".encode("utf-8"))
    assert fetched.count("GET") == 1
    context.close()


def other_pyodide(route: Route) -> None:
    record = json.loads(route.fetch().body())
    route.fulfill(status=200, content_type="application/json", body=json.dumps({**record, "pyodide": "0.1.0"}))


@pytest.mark.parametrize(
    ("pattern", "handler", "warning"),
    [
        (
            "**/stdlib-bytecode.zip*",
            lambda route: route.fulfill(status=404, body="x"),
            "缺少 assets/pyodide/stdlib-bytecode.zip（HTTP 404）",
        ),
        (
            "**/stdlib-bytecode.json",
            lambda route: route.fulfill(status=404, body="x"),
            "stdlib-bytecode.json 失败（HTTP 404）",
        ),
        ("**/stdlib-bytecode.zip*", altered, "stdlib-bytecode.zip 与记录的校验值不符"),
        ("**/stdlib-bytecode.json", other_pyodide, "它是为 Pyodide 0.1.0 编译的"),
    ],
    ids=["zip-missing", "record-missing", "zip-altered", "other-pyodide"],
)
def test_without_usable_bytecode_the_engine_compiles_the_sources(
    browser: Browser, server: str, pattern: str, handler: Any, warning: str
) -> None:
    # Only a slower start: a mirror that lost the file, a damaged copy, a stale one.
    context = browser.new_context()
    context.route(pattern, handler)
    page = context.new_page()
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    open_selfcheck(page, server)
    origin = stdlib_origin(page)
    assert origin["compiled"] == 0 and origin["sources"] > 100
    expect(page.locator(".selfcheck-engine")).not_to_contain_text("失败")
    assert any("改为从源代码编译" in w and warning in w for w in warnings), warnings
    before = rescores(page)
    field(page, "支部名称").fill("从源代码启动的支部")
    wait_rescored(page, before)
    context.close()


def test_the_excel_export_equals_the_cli_and_loads_xlsxwriter_only_then(
    page: Page, server: str, tmp_path: Path
) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    open_selfcheck(page, server)
    import_file(page, SAMPLE)
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    assert not [u for u in fetched if "xlsxwriter" in u]  # not before an export asks for it
    answers = download(page, "导出自查文件", tmp_path / "answers.json")
    workbook = download(page, "导出问题与整改清单（Excel）", tmp_path / "page.xlsx")
    assert len([u for u in fetched if "xlsxwriter-" in u]) == 1
    code, _, err = cli("score", "--format", "xlsx", "-o", str(tmp_path / "cli.xlsx"), str(answers))
    assert (code, err) == (0, "")
    assert workbook.read_bytes() == (tmp_path / "cli.xlsx").read_bytes()
    download(page, "导出问题与整改清单（Excel）", tmp_path / "again.xlsx")  # installed once, kept
    assert len([u for u in fetched if "xlsxwriter-" in u]) == 1


def test_the_word_report_equals_the_cli_and_needs_no_download(page: Page, server: str, tmp_path: Path) -> None:
    fetched: list[str] = []
    open_selfcheck(page, server)
    import_file(page, SAMPLE)
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
    answers = download(page, "导出自查文件", tmp_path / "answers.json")
    page.on("request", lambda r: fetched.append(r.url))
    with page.expect_download() as info:
        page.get_by_role("button", name="导出自查报告与整改方案（Word）").click()
    report = tmp_path / "page.docx"
    info.value.save_as(report)
    assert info.value.suggested_filename == "支部自查_市示例局机关第一党支部_2026-01-01_2026-12-31.docx"
    assert not [u for u in fetched if u.startswith("http")]  # made by the engine already loaded: nothing fetched
    code, _, err = cli("score", "--format", "docx", "-o", str(tmp_path / "cli.docx"), str(answers))
    assert (code, err) == (0, "")
    assert report.read_bytes() == (tmp_path / "cli.docx").read_bytes()
    expect(page.locator(".selfcheck-messages")).to_contain_text("已导出 Word 文件")
