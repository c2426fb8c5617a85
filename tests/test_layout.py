"""Phones (360 px) and print (A4, no navigation chrome)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.html import HIDDEN_SIDEWAYS
from tests.support.paths import representative_pages


@pytest.mark.browser
def test_no_horizontal_scrolling_at_360px(browser: Browser, server: str, site_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    too_wide = []
    for path in representative_pages(site_dir, by_standard=True):  # the paper pages: the longest per standard
        name = path.relative_to(site_dir).as_posix()
        page.goto(f"{server}/{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{name}: {width}px")
        if name.startswith("topics/"):  # nor inside a table's own scroll box (the comparison tables)
            too_wide += [f"{name}: {hidden}" for hidden in page.evaluate(HIDDEN_SIDEWAYS, "article")]
    context.close()
    assert too_wide == []


@pytest.mark.browser
def test_a_comparison_reads_as_blocks_on_a_phone_and_as_a_table_on_a_pc(browser: Browser, server: str) -> None:
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{server}/topics/zuzhi-shezhi.html")
    row = page.locator("table[data-compare] tbody tr").filter(has_text="支委会人数")
    expect(page.locator("table[data-compare] thead")).to_be_hidden()
    expect(row.locator("td[data-none]").first).to_be_hidden()  # 未作规定 said once, not four times
    after = row.evaluate("tr => getComputedStyle(tr, '::after').content")
    assert after == '"未作规定：" "上海海关学院、苏州、合肥、山东"' or "上海海关学院、苏州、合肥、山东" in after
    before = row.locator("td[data-label=威海]").evaluate("td => getComputedStyle(td, '::before').content")
    assert "只有" in before and "规定：" in before
    phone.close()
    pc = browser.new_context(viewport={"width": 1366, "height": 768})
    page = pc.new_page()
    page.goto(f"{server}/topics/zuzhi-shezhi.html")
    expect(page.locator("table[data-compare] thead")).to_be_visible()
    pc.close()


@pytest.mark.browser
def test_the_items_of_a_section_are_collapsed_and_a_link_opens_them(page: Page, server: str) -> None:
    page.goto(f"{server}/topics/zuzhi-shenghuo.html")
    blocks = page.locator("details.zhibu-items")
    expect(blocks.first.locator("summary")).to_contain_text(re.compile(r"本节自查项（\d+）"))
    expect(page.locator("#zb-zzsh-02")).to_be_hidden()  # the reading goes on past the items
    page.goto(f"{server}/topics/zuzhi-shenghuo.html#zb-zzsh-02")
    expect(page.locator("#zb-zzsh-02")).to_be_visible()
    # The scheme card links to its items: the link lands on an open block.
    page.goto(f"{server}/documents/weihai.html")
    page.locator("#scheme-weihai a[href$='#zb-zzsh-03']").click()
    expect(page.locator("#zb-zzsh-03")).to_be_in_viewport()


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
