"""Phones (360 px) and print (A4, no navigation chrome)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support.paths import html_pages


@pytest.mark.browser
def test_no_horizontal_scrolling_at_360px(browser: Browser, server: str, site_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    too_wide = []
    for path in html_pages(site_dir):
        page.goto(f"{server}/{path.relative_to(site_dir).as_posix()}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{path.relative_to(site_dir)}: {width}px")
    context.close()
    assert too_wide == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["documents/weihai.html", "topics/zuzhi-shenghuo.html", "numbers.html"])
def test_print_hides_navigation_and_keeps_the_text(page: Page, server: str, path: str, tmp_path: Path) -> None:
    page.goto(f"{server}/{path}")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-tabs"):
        loc = page.locator(chrome)
        assert loc.count() == 0 or not loc.first.is_visible(), chrome
    article = page.locator("article.md-content__inner")
    assert article.is_visible()
    # The article spans the printable width (A4 minus margins), not a narrow column.
    box = article.bounding_box()
    assert box is not None and box["width"] > 600
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2  # a whole page of text runs over one sheet
