"""Every page asks dual-core browsers for their fast kernel and IE for its newest mode (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.paths import html_pages

HEAD = re.compile(r"<head>(.*?)</head>", re.S)


def test_every_page_asks_for_the_fast_kernel_before_anything_loads(site_dir: Path) -> None:
    missing = []
    for path in [*html_pages(site_dir), site_dir / "404.html"]:
        head = HEAD.search(path.read_text(encoding="utf-8"))
        assert head is not None, path
        text = head.group(1)
        first_load = min(i for i in (text.find("<script"), text.find("<link"), len(text)) if i >= 0)
        for meta in (
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
            '<meta name="renderer" content="webkit">',
            '<meta name="force-rendering" content="webkit">',
        ):
            if not 0 <= text.find(meta) < first_load:
                missing.append(f"{path.relative_to(site_dir)}: {meta}")
    assert missing == []
