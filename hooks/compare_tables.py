"""The comparison tables of the topic pages as blocks on a phone (zhibu_build.compare_tables)."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.pages import Page

from zhibu_build.compare_tables import compare_tables


def on_page_content(html: str, page: Page, **_: Any) -> str:
    return compare_tables(html) if page.file.src_uri.startswith("topics/") else html
