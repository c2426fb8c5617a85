"""axe-core finds no serious or critical violation on the main page types."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PAGES = ("index.html", "topics/zuzhi-shenghuo.html", "documents/weihai.html", "numbers.html", "glossary.html")


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    assert serious_violations(page) == []


@pytest.mark.browser
def test_selfcheck_page_with_a_filled_form(page: Page, server: str) -> None:
    page.goto(f"{server}/self-check/index.html")
    page.wait_for_function("performance.getEntriesByName('selfcheck:first-score').length > 0", timeout=60_000)
    sample = Path(__file__).resolve().parent.parent / "calculator" / "tests" / "cases" / "sample-branch.json"
    page.locator("#sc-import-file").set_input_files(str(sample))
    page.locator(".selfcheck-findings tbody tr").first.wait_for()
    assert serious_violations(page) == []
