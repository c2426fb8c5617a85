"""The year's plan on the self-check page (plan.js): made by the engine as `zhibu plan` makes it,
downloadable as the same calendar file, printable alone on A4."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.selfcheck import choose_standard, cli, download, open_selfcheck

pytestmark = pytest.mark.browser


def test_the_plan_is_the_clis_and_prints_alone(page: Page, server: str, tmp_path: Path) -> None:
    open_selfcheck(page, server, standard=None)
    choose_standard(page, "weihai")
    year = page.locator("#sc-plan-year").input_value()
    page.get_by_role("button", name="生成计划").click()
    table = page.locator(".selfcheck-plan__table")
    expect(table).to_be_visible()
    code, out, err = cli("plan", "--type", "机关", "--standard", "weihai", "--year", year, "--format", "json")
    assert (code, err) == (0, "")
    plan = json.loads(out)
    expect(page.locator(".selfcheck-plan [role=status]")).to_have_text(f"共 {len(plan['events'])} 项安排。")
    rows = table.locator("tbody tr:not(.selfcheck-plan__month)")
    expect(rows).to_have_count(len(plan["events"]))
    first = plan["events"][0]
    expect(rows.first).to_contain_text(first["summary"])
    expect(page.locator(".selfcheck-plan__note")).to_contain_text("本站默认")
    calendar = download(page, "下载日历文件（.ics）", tmp_path / "plan.ics")
    code, ics, _ = cli("plan", "--type", "机关", "--standard", "weihai", "--year", year, "--format", "ics")
    assert calendar.read_bytes() == ics.encode("utf-8")
    # 打印计划: only the plan's table (and its title) is printed, not the form or the report.
    page.evaluate("document.body.classList.add('selfcheck-printing-plan')")
    page.emulate_media(media="print")
    expect(table).to_be_visible()
    expect(page.locator(".selfcheck-plan__title")).to_contain_text(f"{year} 年度工作计划（威海 过硬支部）")
    expect(page.locator(".selfcheck-form")).to_be_hidden()
    expect(page.locator(".selfcheck-report")).to_be_hidden()
    expect(page.get_by_role("button", name="生成计划")).to_be_hidden()
    assert page.pdf(format="A4").startswith(b"%PDF")
