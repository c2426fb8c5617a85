"""Pages as a reader prints them: read with no script at all, then printed on A4."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

MEDIA_BOX = re.compile(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]")
A4 = (595.3, 841.9)  # in points


@contextmanager
def without_script(browser: Browser, url: str) -> Iterator[Page]:
    """`url` open on a PC-sized window with JavaScript off (IE mode, a locked-down browser)."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()


def printed_on_a4(page: Page, tmp_path: Path) -> bytes:
    """The page printed as the browser would: no site chrome, every sheet A4; the PDF's bytes."""
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    data = pdf.read_bytes()
    sheets = MEDIA_BOX.findall(data)
    assert data.startswith(b"%PDF") and sheets
    assert all(abs(float(w) - A4[0]) < 1 and abs(float(h) - A4[1]) < 1 for w, h in sheets), sheets
    return data
