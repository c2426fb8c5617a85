"""纸质自查表 (issue 17, item 3): a page per standard and branch type that asks what the self-check
page asks, reads and prints with no script at all, and passes axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.printing import printed_on_a4, without_script
from zhibu.model import BRANCH_TYPES
from zhibu.rubric import default_rubric
from zhibu_build.paper import TYPE_SLUGS

RUBRIC = default_rubric()
ROW = re.compile(r"<tr>\s*<td>(\d+)</td>")


@pytest.mark.parametrize("scheme", list(RUBRIC.schemes))
def test_each_page_asks_every_item_that_applies_and_no_other(site_dir: Path, scheme: str) -> None:
    for branch_type in BRANCH_TYPES:
        html = (site_dir / f"self-check/paper/{scheme}-{TYPE_SLUGS[branch_type]}.html").read_text(encoding="utf-8")
        asked = RUBRIC.items_for((scheme,), branch_type)
        numbers = [int(n) for n in ROW.findall(html)]
        assert numbers == list(range(1, len(asked) + 1))  # a numbered row per item asked
        text = re.sub(r"<[^>]+>", "", html)
        for item in asked:
            assert re.sub(r"<[^>]+>", "", item.text)[:30] in text, (scheme, branch_type, item.id)
        left = RUBRIC.left_out(scheme, branch_type)
        assert (f"另有 {len(left)} 项只适用于其他类型的支部" in text) == bool(left)
    index = (site_dir / "self-check/paper/index.html").read_text(encoding="utf-8")
    assert index.count(f'href="{scheme}-') == len(BRANCH_TYPES)


@pytest.mark.browser
def test_a_paper_page_reads_and_prints_without_any_script(browser: Browser, server: str, tmp_path: Path) -> None:
    with without_script(browser, f"{server}/self-check/paper/shandong-nongcun.html") as page:
        expect(page.get_by_role("heading", level=1)).to_contain_text("纸质自查表：山东 规范提升行动 · 农村党支部")
        expect(page.get_by_text("上次发展党员（接收预备党员）的日期")).to_be_visible()  # a fact only 农村 is asked
        expect(page.locator("text=☐ 基本达到").first).to_be_visible()
        printed_on_a4(page, tmp_path)


@pytest.mark.browser
def test_the_self_check_links_the_paper_pages(page: Page, server: str) -> None:
    # axe: tests/test_accessibility.py holds the index and a paper page in every view.
    page.goto(f"{server}/self-check/index.html")
    page.get_by_role("link", name="纸质自查表").first.click()
    expect(page).to_have_url(re.compile(r"self-check/paper/index\.html$"))
