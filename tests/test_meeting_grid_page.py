"""Planned against held in the self-check's meeting grid (needs.js): under each meeting, what the
standard asks in each period, from the engine (zhibu.grid), with a shortfall in words."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.axe import serious_violations
from tests.support.paths import SAMPLE
from tests.support.selfcheck import import_file, open_selfcheck

pytestmark = pytest.mark.browser


def test_the_grid_shows_what_is_asked_and_what_falls_short(page: Page, server: str) -> None:
    open_selfcheck(page, server, standard=None)
    import_file(page, SAMPLE)  # 机关 under 威海, 2026, checked on 2026-11-27: no 党小组会 in August
    grid = page.locator("table.selfcheck-meetings")
    group = grid.locator('tr.selfcheck-need[data-meeting="党小组会"]')
    expect(group.locator("th")).to_have_text("党小组会 要求：每月至少 1 次")
    short = group.locator('td[data-state="short"]')
    expect(short).to_have_count(1)
    expect(short).to_contain_text("差1")
    expect(short.locator(".selfcheck-sr")).to_have_text("2026年8月：应 1 次，已 0 次，未达到（差 1 次）")
    expect(group.locator('td[data-state="later"] .selfcheck-need__mark')).to_have_text("应1")  # December: planned
    # A quarter's requirement is one cell over its three months: the fourth still under way.
    quarter = grid.locator('tr.selfcheck-need[data-meeting="党员大会"] td[colspan="3"]').last
    expect(quarter).to_have_attribute("data-state", "running")
    expect(quarter.locator("[aria-hidden]")).to_have_text("第4季度 还需 1 次")
    # Held in August after all: the engine rescores and the shortfall goes.
    grid.get_by_label("党小组会 2026-08", exact=True).fill("1")
    expect(short).to_have_count(0)
    expect(group.locator('td[data-state="met"]')).to_have_count(11)
    assert serious_violations(page) == []
