"""Searching the site in Chromium as a reader does."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def search(page: Page, query: str) -> list[tuple[str, str]]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # As a reader would, wait until the box stops saying 正在初始化搜索引擎.
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("初始化", timeout=15_000)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reacts to key events (an IME's last keyup), not to `fill` alone
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    # Material renders results in batches as the list is scrolled: scroll to the end.
    links = page.locator(".md-search-result__link")
    count = -1
    while links.count() != count:
        count = links.count()
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(300)
    out = []
    for i in range(links.count()):
        link = links.nth(i)
        text = (link.text_content() or "").replace("\u200b", "")  # jieba's word joiner
        out.append((link.get_attribute("href") or "", text))
    return out
