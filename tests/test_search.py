"""Chinese search finds words: the index is segmented and Chromium finds the clauses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.paths import ROOT
from tests.support.search import search
from tests.support.selfcheck import choose_standard
from zhibu_build import search as search_guard

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
    assert any("jieba" in p for p in search_guard.problems(index))


def test_guard_names_the_words_that_are_not_whole() -> None:
    index = {
        "config": {"separator": "[\\s\\u200b]+"},
        "docs": [{"title": "组织生活", "text": "每季度\u200b开展三会一课\u200b和\u200b主题党日"}],
    }
    found = search_guard.problems(index)
    assert found == ["以下词没有作为完整的词进入搜索索引：三会一课、组织生活会、软弱涣散、两张名单、党费、积分"]


def test_worker_patch_fixes_the_loop_bound_and_refuses_unknown_workers() -> None:
    patched = search_guard.patch_worker("x;" + search_guard.WORKER_BUG + ";y")
    assert search_guard.WORKER_FIX in patched and search_guard.WORKER_BUG not in patched
    with pytest.raises(ValueError, match="搜索 worker 与已知版本不同"):
        search_guard.patch_worker("function fe(t,e){}")


@pytest.mark.site  # build/generated/ is written by the site's build
def test_user_dictionary_comes_from_glossary_and_topics() -> None:
    words = (ROOT / "build" / "generated" / "jieba_userdict.txt").read_text(encoding="utf-8").split("\n")
    entries = {w.split(" ")[0] for w in words if w}
    assert {"三会一课", "主题党日", "组织生活会", "软弱涣散", "两张名单"} <= entries


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES)
def test_search_returns_the_clauses_that_say_it(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/index.html")
    hits = search(page, query)
    clause_hits = [
        href for href, text in hits if re.search(r"documents/\w+\.html(?:\?[^#]*)?#", href) and query in text
    ]
    assert clause_hits, f"搜索“{query}”没有返回任何原文条款：{hits[:5]}"


@pytest.mark.browser
def test_search_works_from_disk(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "index.html").as_uri())
    hits = search(page, "三会一课")
    assert any(href.startswith("file://") and href.endswith("#weihai-3-3-9") for href, _ in hits)


@pytest.mark.browser
def test_selfcheck_page_builds_the_search_index_after_the_first_score(page: Page, server: str) -> None:
    # search-defer.js: the index waits for the engine's first score, then search works as anywhere.
    # A new self-check scores only once its standard is chosen: there the index waits for the engine.
    page.goto(f"{server}/self-check/index.html")
    page.wait_for_function("performance.getEntriesByName('search:released').length > 0", timeout=60_000)
    assert page.evaluate("window.zhibuSearchDefer.reason") == "engine-ready"
    choose_standard(page, "weihai")
    page.reload()  # the saved self-check, with its standard, scores at once
    page.wait_for_function("performance.getEntriesByName('search:released').length > 0", timeout=60_000)
    marks = page.evaluate(
        "() => Object.fromEntries(['selfcheck:first-score', 'search:released']"
        ".map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? null]))"
    )
    assert marks["selfcheck:first-score"] is not None, marks
    assert marks["search:released"] >= marks["selfcheck:first-score"], marks
    assert page.evaluate("window.zhibuSearchDefer.reason") == "first-score"
    hits = search(page, "三会一课")
    assert any(href.endswith("#weihai-3-3-9") for href, _ in hits), hits[:5]
    # The index's download waited as well: the engine's files had the link to themselves.
    index = page.evaluate(
        "() => performance.getEntriesByType('resource').find((e) => e.name.includes('search_index.json'))?.startTime"
    )
    assert index is not None and index >= marks["search:released"], (index, marks)


@pytest.mark.browser
def test_reaching_for_search_releases_it_at_once(page: Page, server: str) -> None:
    # The reader does not wait for the engine: pressing / (Material's hotkey) builds the index now.
    page.goto(f"{server}/self-check/index.html")
    page.keyboard.press("/")
    page.wait_for_function("window.zhibuSearchDefer && window.zhibuSearchDefer.released", timeout=5_000)
    reason = page.evaluate("window.zhibuSearchDefer.reason")
    first_score = page.evaluate("performance.getEntriesByName('selfcheck:first-score').length")
    assert reason == "key" or first_score, reason
    hits = search(page, "党费")
    assert hits


@pytest.mark.browser
def test_other_pages_do_not_defersearch(page: Page, server: str) -> None:
    page.goto(f"{server}/topics/zuzhi-shenghuo.html")
    assert page.evaluate("window.zhibuSearchDefer === undefined")
