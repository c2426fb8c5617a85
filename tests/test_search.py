"""Chinese search finds words: the index is segmented and Chromium finds the clauses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from playwright.sync_api import Page, expect

import search_guard  # hooks/ is on sys.path through pyproject's pytest pythonpath

QUERIES = ("三会一课", "党费", "软弱涣散", "积分", "两张名单")


def _index(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data


def test_built_index_is_segmented(site_dir: Path) -> None:
    assert search_guard.problems(_index(site_dir)) == []
    tokens = search_guard.index_tokens(_index(site_dir))
    for word in ("三会一课", "主题党日", "组织生活会", "软弱涣散", *QUERIES):
        assert word in tokens


def test_guard_rejects_an_unsegmented_index(site_dir: Path) -> None:
    index = _index(site_dir)
    for doc in index["docs"]:
        for field in ("title", "text"):
            doc[field] = doc[field].replace("\u200b", "")
    found = search_guard.problems(index)
    assert any("jieba" in p for p in found)
    assert any("三会一课" in p for p in found)


def test_user_dictionary_comes_from_glossary_and_topics() -> None:
    words = (ROOT / "build" / "generated" / "jieba_userdict.txt").read_text(encoding="utf-8").split("\n")
    entries = {w.split(" ")[0] for w in words if w}
    assert {"三会一课", "主题党日", "组织生活会", "软弱涣散", "两张名单"} <= entries


def _search(page: Page, query: str) -> list[tuple[str, str]]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    links = page.locator(".md-search-result__link")
    out = []
    for i in range(links.count()):
        link = links.nth(i)
        out.append((link.get_attribute("href") or "", link.inner_text()))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES)
def test_search_returns_the_clauses_that_say_it(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/index.html")
    hits = _search(page, query)
    clause_hits = [href for href, text in hits if re.search(r"documents/\w+\.html#", href) and query in text]
    assert clause_hits, f"搜索“{query}”没有返回任何原文条款：{hits[:5]}"


@pytest.mark.browser
def test_search_works_from_disk(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "index.html").as_uri())
    hits = _search(page, "三会一课")
    assert any("documents/weihai.html#weihai-3-3-9" in href for href, _ in hits)
