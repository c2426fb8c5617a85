"""No page requests anything outside the site's origin, served or opened from disk."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.support.html import read_page
from tests.support.paths import html_pages, representative_pages


def test_built_html_references_no_other_host(site_dir: Path) -> None:
    offenders = []
    for page in html_pages(site_dir):
        for ref in read_page(page).srcs:
            if urlsplit(ref).scheme in ("http", "https") or ref.startswith("//"):
                offenders.append(f"{page.relative_to(site_dir)}: {ref}")
    assert offenders == []


def test_iframe_worker_shim_is_vendored(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/vendor/iframe-worker/shim.js"' in html
    assert "unpkg.com" not in html


@pytest.mark.browser
def test_every_page_stays_on_its_origin(browser: Browser, server: str, site_dir: Path) -> None:
    context = browser.new_context()
    outside: list[str] = []
    seen: list[str] = []

    def record(route: Route) -> None:
        url = route.request.url
        seen.append(url)
        if url.startswith(server) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    # Each page type once (the generated paper pages: one of each kind); what any page's HTML names
    # is checked for every page above.
    visited = representative_pages(site_dir)
    for path in visited:
        page.goto(f"{server}/{path.relative_to(site_dir).as_posix()}", wait_until="networkidle")
    # Search loads its worker and index on first use: exercise it too.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("初始化", timeout=15_000)
    page.locator("input.md-search__input").fill("党费")
    page.locator("input.md-search__input").press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    context.close()
    assert len(seen) > len(visited)
    assert outside == []


@pytest.mark.browser
def test_pages_read_and_link_from_disk(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "index.html").as_uri())
    page.get_by_role("link", name="按主题阅读 →").click()
    expect(page).to_have_url(re.compile(r"^file://.*/topics/index\.html$"))
    page.get_by_role("link", name="组织生活").first.click()
    page.get_by_role("link", name="威海 三（三）9").first.click()
    expect(page).to_have_url(re.compile(r"documents/weihai\.html#weihai-3-3-9$"))
    expect(page.locator("#weihai-3-3-9")).to_be_in_viewport()
