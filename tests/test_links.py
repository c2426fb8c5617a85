"""Every link and anchor resolves; every clause is linked from a topic page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.support.html import Page, read_page
from tests.support.paths import DOC_CODES, html_pages

CLAUSE_ID = re.compile(rf"^(?:{'|'.join(DOC_CODES)})-(?:a2-)?\d+(?:-\d+)*$")


def _pages(site_dir: Path) -> dict[Path, Page]:
    return {p: read_page(p) for p in html_pages(site_dir)}


def _target(page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    path = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    return path, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    pages = _pages(site_dir)
    broken = []
    for page, info in pages.items():
        for href in info.hrefs:
            if href.startswith(("mailto:", "javascript:")):
                continue
            assert not urlsplit(href).scheme, f"{page.name}: 站外链接 {href}"
            path, fragment = _target(page, href)
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(site_dir)} → {href}（文件不存在）")
            elif fragment and path.suffix == ".html":
                target = pages.get(path) or read_page(path)
                if fragment not in target.ids:
                    broken.append(f"{page.relative_to(site_dir)} → {href}（锚点不存在）")
    assert broken == []


def clause_ids(site_dir: Path) -> dict[str, set[str]]:
    return {
        code: {i for i in read_page(site_dir / "documents" / f"{code}.html").ids if CLAUSE_ID.match(i)}
        for code in DOC_CODES
    }


def test_every_document_has_numbered_clauses(site_dir: Path) -> None:
    counts = {code: len(ids) for code, ids in clause_ids(site_dir).items()}
    # The numbering printed in each text: 29 standards in 威海, 19 annex items in 合肥, …
    assert counts == {"shhg": 18, "hefei": 38, "suzhou": 16, "weihai": 51, "shandong": 18}


def test_every_clause_is_linked_from_a_topic_page(site_dir: Path) -> None:
    linked: set[tuple[str, str]] = set()
    for page in sorted((site_dir / "topics").glob("*.html")):
        for href in read_page(page).hrefs:
            path, fragment = _target(page, href)
            if path.parent.name == "documents" and fragment:
                linked.add((path.stem, fragment))
    unlinked = sorted(
        f"{code}#{cid}" for code, ids in clause_ids(site_dir).items() for cid in ids if (code, cid) not in linked
    )
    assert unlinked == []


def test_clause_pattern_is_what_the_documents_use() -> None:
    assert CLAUSE_ID.match("weihai-3-3-9") and CLAUSE_ID.match("hefei-a2-4-13") and CLAUSE_ID.match("shhg-3")
    assert not CLAUSE_ID.match("weihai-notice") and not CLAUSE_ID.match("hefei-a2")
