"""The site as an intranet server sends it: Debian's nginx with the 部署指南's own configuration.

The server block under test is the file the guide shows and publishes (site/deploy/nginx.conf,
policy filled in by hooks/csp.py); tests/support/servers.py changes only its address and folder.
Broken variants of the same file show that the self-check page names each cause in Chinese.
"""

from __future__ import annotations

import gzip
import http.client
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, Route, expect

from tests.support import selfcheck
from tests.support.paths import SAMPLE
from tests.support.search import search
from tests.support.servers import nginx
from zhibu_build import csp as csp_hook
from zhibu_build.csp import worker_policy

JS = ("application/javascript", "text/javascript")
WEEK, YEAR = "public, max-age=604800", "public, max-age=31536000, immutable"
GUIDE_ANCHORS = ("problem-mime", "problem-csp", "problem-missing", "problem-browser", "problem-file", "problems")
# Collects what the policy blocks in the page; an init script is not itself subject to the policy.
WATCH_CSP = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


class _Pre(HTMLParser):
    """The text of every <pre> block of a page (code as the reader sees it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._depth += 1
            if self._depth == 1:
                self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.blocks[-1] += data


def policy(site_dir: Path) -> str:
    return (site_dir / "deploy" / "csp.txt").read_text(encoding="utf-8").strip()


def get(base: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


# --- the configuration the guide publishes -------------------------------------------------


def test_guide_shows_exactly_the_files_it_publishes(site_dir: Path) -> None:
    deploy = site_dir / "deploy"
    parser = _Pre()
    parser.feed((deploy / "index.html").read_text(encoding="utf-8"))
    blocks = [b.strip("\n") for b in parser.blocks]
    text = policy(site_dir)
    assert text.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    assert text in blocks
    for name in ("nginx.conf", "apache.conf", "iis-web.config"):
        published = (deploy / name).read_text(encoding="utf-8")
        assert published.strip("\n") in blocks, f"部署指南显示的 {name} 与发布的文件不同"
        assert text in published and worker_policy(text) in published
        assert csp_hook.TOKEN not in published and csp_hook.TOKEN_WORKER not in published
    for index in ("search_index.json", "search_index.js"):
        assert csp_hook.TOKEN not in (site_dir / "search" / index).read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', (deploy / "index.html").read_text(encoding="utf-8")))
    assert set(GUIDE_ANCHORS) <= ids


def test_policy_hashes_inline_scripts_and_refuses_what_no_hash_allows(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<script>var a = 1;</script><script type='application/json'>{}</script>")
    (tmp_path / "b.html").write_text('<script src="x.js"></script><script>var a = 1;</script>')
    text = csp_hook.policy_for(tmp_path)
    assert text.count("'sha256-") == 1 and csp_hook.sha256_source("var a = 1;") in text
    assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text
    (tmp_path / "c.html").write_text('<button onclick="go()">x</button><p style="color:red">y</p>')
    with pytest.raises(PluginError, match=r"c\.html: <button onclick=…>（事件属性）"):
        csp_hook.policy_for(tmp_path)


# --- headers -------------------------------------------------------------------------------


def header_cases(site_dir: Path) -> list[tuple[str, tuple[str, ...], str]]:
    """(path, acceptable content types, Cache-Control) for each kind of file the site has."""
    assets = site_dir / "assets"
    bundle = next((assets / "javascripts").glob("bundle.*.min.js")).relative_to(site_dir).as_posix()
    css = next((assets / "stylesheets").glob("main.*.min.css")).relative_to(site_dir).as_posix()
    search = next((assets / "javascripts" / "workers").glob("search.*.min.js")).relative_to(site_dir).as_posix()
    wheel = next((assets / "pyodide").glob("zhibu-*.whl")).relative_to(site_dir).as_posix()
    return [
        ("/index.html", ("text/html",), "no-cache"),
        ("/self-check/index.html", ("text/html",), "no-cache"),
        ("/assets/pyodide/pyodide.asm.wasm", ("application/wasm",), WEEK),
        ("/assets/pyodide/pyodide.mjs", JS, WEEK),
        ("/assets/pyodide/pyodide.asm.mjs", JS, WEEK),
        ("/assets/pyodide/python_stdlib.zip", ("application/zip",), WEEK),
        ("/assets/pyodide/pyodide-lock.json", ("application/json",), "no-cache"),
        ("/assets/pyodide/stdlib-bytecode.zip", ("application/zip",), WEEK),  # asked for as ?v=<sha256>
        ("/assets/pyodide/legacy/pyodide.asm.js", JS, WEEK),
        ("/assets/pyodide/stdlib-bytecode.json", ("application/json",), "no-cache"),
        (f"/{wheel}", ("application/octet-stream",), WEEK),
        ("/assets/zhibu/rubric.json", ("application/json",), "no-cache"),
        ("/search/search_index.json", ("application/json",), "no-cache"),
        ("/assets/selfcheck/worker.js", JS, "no-cache"),
        (f"/{bundle}", JS, YEAR),
        (f"/{search}", JS, YEAR),
        (f"/{css}", ("text/css",), YEAR),
    ]


@pytest.fixture(params=["nginx", "apache"])
def deployed(request: pytest.FixtureRequest) -> str:
    """The site served by nginx, then by Apache, each with the configuration the guide publishes."""
    url: str = request.getfixturevalue(f"{request.param}_server")
    return url


def test_every_kind_of_file_has_its_type_cache_and_policy(deployed: str, site_dir: Path) -> None:
    wrong = []
    for path, types, cache in header_cases(site_dir):
        status, headers, _ = get(deployed, path)
        kind = (headers["Content-Type"] or "").split(";")[0]
        got = (status, kind in types, headers["Cache-Control"], headers["Content-Security-Policy"])
        want = worker_policy(policy(site_dir)) if path.endswith("/worker.js") else policy(site_dir)
        if got != (200, True, cache, want) or headers["X-Content-Type-Options"] != "nosniff":
            wrong.append(f"{path}: {status} {kind} {headers['Cache-Control']}")
    assert wrong == []


def test_wasm_is_gzipped_only_when_the_browser_asks(deployed: str, site_dir: Path) -> None:
    wasm = (site_dir / "assets" / "pyodide" / "pyodide.asm.wasm").read_bytes()
    path = "/assets/pyodide/pyodide.asm.wasm"
    # What browsers send over plain http (brotli only over https): tests/test_precompress.py has br.
    status, headers, body = get(deployed, path, {"Accept-Encoding": "gzip, deflate"})
    assert (status, headers["Content-Encoding"], headers["Content-Type"]) == (200, "gzip", "application/wasm")
    assert "Accept-Encoding" in (headers["Vary"] or "")
    assert len(body) < 0.5 * len(wasm) and gzip.decompress(body) == wasm
    status, headers, body = get(deployed, path)
    assert (status, headers["Content-Encoding"], body == wasm) == (200, None, True)


def test_a_missing_page_gets_the_site_404_page_under_the_policy(deployed: str, site_dir: Path) -> None:
    status, headers, body = get(deployed, "/no-such-page.html")
    assert status == 404 and headers["Content-Security-Policy"] == policy(site_dir)
    assert body == (site_dir / "404.html").read_bytes()


# --- in Chromium, under the policy ---------------------------------------------------------


@pytest.mark.browser
def test_every_page_type_runs_under_the_policy(browser: Browser, nginx_server: str, site_dir: Path) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    outside: list[str] = []
    sent: dict[str, str] = {}

    def only_the_origin(route: Route) -> None:
        if route.request.url.startswith(nginx_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def record(response: Response) -> None:
        name = response.url.split("?")[0].rsplit("/", 1)[-1]  # worker.js?tier=1
        sent.setdefault(name, response.headers.get("content-security-policy", ""))

    context.route("**/*", only_the_origin)
    context.on("response", record)
    page = context.new_page()
    console: list[str] = []  # the engine's worker reports here too

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(message.text)

    page.on("console", watch)
    seen: dict[str, list[str]] = {}

    def visit(name: str, action: Callable[[], Any]) -> None:
        action()
        page.wait_for_timeout(300)  # violation events are dispatched after the fact
        seen[name] = page.evaluate("window.__csp.splice(0)")

    visit("首页", lambda: page.goto(f"{nginx_server}/index.html", wait_until="networkidle"))
    visit("配色切换", lambda: page.locator("form[data-md-component=palette] label:visible").first.click())
    visit("搜索", lambda: search(page, "三会一课"))
    visit("主题页", lambda: page.goto(f"{nginx_server}/topics/zuzhi-shenghuo.html", wait_until="networkidle"))
    visit("术语提示", lambda: page.locator("article abbr").first.hover())
    visit("文件页", lambda: page.goto(f"{nginx_server}/documents/weihai.html#weihai-3-3-9", wait_until="networkidle"))
    visit("术语页", lambda: page.goto(f"{nginx_server}/glossary.html", wait_until="networkidle"))
    visit("部署指南", lambda: page.goto(f"{nginx_server}/deploy/index.html", wait_until="networkidle"))

    def selfcheck_by_instant_navigation() -> None:
        page.goto(f"{nginx_server}/index.html")
        page.get_by_role("link", name="开始支部自查 →").click()
        expect(page.locator(".selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=selfcheck.ENGINE_TIMEOUT)

    visit("支部自查（站内跳转）", selfcheck_by_instant_navigation)

    def selfcheck_answered() -> None:
        selfcheck.open_selfcheck(page, nginx_server)
        before = selfcheck.rescores(page)
        page.locator("fieldset.selfcheck-item").first.get_by_label("未达到", exact=True).check()
        selfcheck.wait_rescored(page, before)
        page.locator("#sc-import-file").set_input_files(str(SAMPLE))
        expect(page.locator(".selfcheck-messages")).to_contain_text("已导入")
        page.locator(".selfcheck-findings-table tbody tr").first.wait_for()

    visit("支部自查", selfcheck_answered)

    def rollup() -> None:
        page.goto(f"{nginx_server}/self-check/rollup.html")
        expect(page.locator("#rollup-app .selfcheck-engine")).to_contain_text("评分引擎已就绪", timeout=60_000)
        page.locator("#rollup-files").set_input_files([str(SAMPLE)])  # rolled up at once
        expect(page.locator(".rollup-report")).to_contain_text("市示例局机关第一党支部", timeout=60_000)

    visit("汇总", rollup)
    context.close()
    assert {name: v for name, v in seen.items() if v} == {}
    assert console == []
    assert outside == []
    # The engine's worker runs under the policy its own script was sent with (and 'unsafe-eval'
    # there for Chromium 96 and older: zhibu_build/csp.py worker_policy); the pages under the site's.
    assert sent["index.html"] == policy(site_dir)
    assert sent["worker.js"] == worker_policy(policy(site_dir))


@pytest.mark.browser
def test_a_selfcheck_through_the_server_gives_the_cli_result(page: Page, deployed: str, tmp_path: Path) -> None:
    selfcheck.complete_selfcheck_matches_cli(page, deployed, tmp_path)


# --- a server set up wrongly: the page says why, links to the guide, keeps the form ---------

MJS_LOCATION = """    location ~ \\.mjs$ {
        types { }
        default_type text/javascript;
    }
"""


def _policy(change: Callable[[str], str]) -> Callable[[str], str]:
    def edit(conf: str) -> str:
        # Both of the guide's policies (the pages' and the engine worker's, in nginx's map).
        return re.sub(r'"(default-src [^"]*)"', lambda m: '"' + change(m.group(1)) + '"', conf)

    return edit


def _before_root_location(block: str) -> Callable[[str], str]:
    return lambda conf: conf.replace("    location / {", block + "\n    location / {", 1)


BROKEN: dict[str, tuple[Callable[[str], str], str, str]] = {
    "CSP 缺少 'wasm-unsafe-eval'": (
        _policy(lambda p: p.replace(" 'wasm-unsafe-eval'", "").replace(" 'unsafe-eval'", "")),
        "网站的内容安全策略（Content-Security-Policy）不允许编译 WebAssembly（script-src 须包含 'wasm-unsafe-eval'）",
        "problem-csp",
    ),
    "CSP worker-src 'none'": (
        _policy(lambda p: p + "; worker-src 'none'"),
        "网站的内容安全策略（Content-Security-Policy）不允许运行 assets/selfcheck/worker.js，违反的指令是 worker-src",
        "problem-csp",
    ),
    "nginx 1.22 不认识 .mjs": (
        lambda conf: conf.replace(MJS_LOCATION, ""),
        "服务器把 pyodide.mjs 作为“application/octet-stream”发送，应为 JavaScript 类型（text/javascript）",
        "problem-mime",
    ),
    ".wasm 类型不对": (
        _before_root_location("    location ~ \\.wasm$ { types { } default_type text/plain; }"),
        "服务器把 pyodide.asm.wasm 作为“text/plain”发送，应为 application/wasm",
        "problem-mime",
    ),
    "缺少 pyodide.mjs": (
        _before_root_location("    location = /assets/pyodide/pyodide.mjs { return 404; }"),
        "网站缺少文件 assets/pyodide/pyodide.mjs（HTTP 404）",
        "problem-missing",
    ),
}


def expect_guide_link(page: Page, scope: str, anchor: str) -> None:
    link = page.locator(f"{scope} a[href$='deploy/index.html#{anchor}']")
    expect(link).to_have_count(1)
    expect(link).to_contain_text("部署指南")


def expect_form_works(page: Page, tmp_path: Path, name: str) -> None:
    selfcheck.field(page, "支部名称").fill(name)
    selfcheck.choose_standard(page, "weihai")
    expect(page.locator(".selfcheck-save")).to_contain_text("已自动保存")
    saved = selfcheck.download(page, "导出自查文件", tmp_path / "saved.json")
    assert name in saved.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("case", list(BROKEN))
def test_a_wrongly_configured_server_is_named(browser: Browser, site_dir: Path, tmp_path: Path, case: str) -> None:
    edit, reason, anchor = BROKEN[case]
    with nginx(site_dir, edit) as served:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(f"{served.url}/self-check/index.html")
        note = page.locator(".selfcheck-engine")
        expect(note).to_contain_text("评分引擎加载失败", timeout=selfcheck.ENGINE_TIMEOUT)
        expect(note).to_contain_text(reason)
        expect_guide_link(page, ".selfcheck-engine", anchor)
        expect_form_works(page, tmp_path, f"配置有误的服务器（{case}）")
        context.close()


@pytest.mark.browser
def test_a_policy_that_forbids_reading_the_rubric_is_named(browser: Browser, site_dir: Path) -> None:
    with nginx(site_dir, _policy(lambda p: p.replace("connect-src 'self' blob:", "connect-src 'none'"))) as served:
        page = browser.new_page()
        page.goto(f"{served.url}/self-check/index.html")
        alert = page.locator("#selfcheck-app .selfcheck-alert")
        expect(alert).to_contain_text(
            "自查页面无法启动：网站的内容安全策略（Content-Security-Policy）不允许读取 assets/zhibu/rubric.json，违反的指令是 connect-src"
        )
        expect_guide_link(page, "#selfcheck-app", "problem-csp")
        page.close()


@pytest.mark.browser
def test_an_old_browser_is_named_through_nginx(browser: Browser, nginx_server: str, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("delete window.WebAssembly")
    page = context.new_page()
    page.goto(f"{nginx_server}/self-check/index.html")
    expect(page.locator(".selfcheck-engine")).to_contain_text("当前浏览器无法运行评分引擎（浏览器不支持 WebAssembly）")
    expect_guide_link(page, ".selfcheck-engine", "problem-browser")
    expect_form_works(page, tmp_path, "旧浏览器中的支部")
    context.close()


@pytest.mark.browser
def test_opened_from_disk_links_to_the_guide(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "self-check" / "index.html").as_uri())
    expect_guide_link(page, "#selfcheck-app .selfcheck-alert", "problem-file")
    page.locator("#selfcheck-app .selfcheck-alert a").click()
    expect(page.locator("#problem-file")).to_be_visible()
