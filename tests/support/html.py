"""Read the built HTML with the standard library: ids, links and the article's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    srcs: list[str] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self, skip_notes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_classes = {"headerlink", "admonition"} if skip_notes else {"headerlink"}
        self.page = Page()
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, in_article, skipping)
        self._text: list[str] = []

    @property
    def _in_article(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.page.hrefs.append(a["href"])
        if tag in ("script", "img", "iframe", "source") and "src" in a:
            self.page.srcs.append(a["src"])
        if tag == "link" and "href" in a:
            self.page.srcs.append(a["href"])
        classes = a.get("class", "").split()
        in_article = self._in_article or (tag == "article" and "md-content__inner" in classes)
        skipping = self._skipping or bool(self._skip_classes & set(classes)) or tag in ("script", "style")
        if tag not in VOID:
            self._stack.append((tag, in_article, skipping))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_article and not self._skipping:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._text)


def read_page(path: Path, skip_notes: bool = False) -> Page:
    """Ids, links and article text of a page; `skip_notes` leaves editorial notes out of the text."""
    reader = _Reader(skip_notes)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


# Every element inside the viewport, and no scroll container hiding part of what it holds.
HIDDEN_SIDEWAYS = """(root) => {
  const out = [];
  const width = document.documentElement.clientWidth;
  for (const e of document.querySelectorAll(root + ' *')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > width + 1) out.push('beyond the page: ' + e.tagName + '.' + e.className);
  }
  for (const e of document.querySelectorAll([' table', ' .selfcheck-scroll', ' .rollup-table'].map((s) => root + s).join())) {
    if (e.scrollWidth > e.clientWidth + 1) out.push('scrolls sideways: ' + e.tagName + '.' + e.className);
  }
  return [...new Set(out)];
}"""
