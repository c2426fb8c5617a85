"""Every anchored clause of the five document pages: the citation label it is cited by, and its words."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from .declarations import FRONT_MATTER, page_meta

ANCHOR = re.compile(r"\{\s*#([\w-]+)\s*\}")
CN = "一二三四五六七八九十"
NUMBERING = (
    (re.compile(rf"^([{CN}]+)、"), "{}"),
    (re.compile(rf"^[（(]\s*([{CN}]+)\s*[）)]"), "（{}）"),
    (re.compile(r"^(\d+)\s*[．.]"), "{}"),
    (re.compile(r"^附件\s*(\d+)"), "附件{} "),
)


def _numbering(text: str) -> str:
    for pattern, form in NUMBERING:
        m = pattern.match(text.strip().lstrip("#").strip())
        if m:
            return form.format(m.group(1))
    return ""


def clause_index(docs: Path) -> dict[str, dict[str, str]]:
    """Every anchor of the document pages → its document, citation label and page."""
    index: dict[str, dict[str, str]] = {}
    for page in sorted((docs / "documents").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        short = page_meta(text).get("short")
        if not short:
            continue
        numbers: dict[str, str] = {}
        previous = ""
        for line in text.splitlines():
            for anchor in ANCHOR.findall(line):
                # a heading carries its anchor on its own line; a paragraph on the line after it
                own = ANCHOR.sub("", line).strip()
                numbers[anchor] = _numbering(own or previous)
            if line.strip():
                previous = line
        for anchor in numbers:
            parts = anchor.split("-")
            chain = ["-".join(parts[:i]) for i in range(2, len(parts) + 1)]
            label = "".join(numbers.get(a, "") for a in chain).strip()
            if chain[0].endswith("a2") and len(chain) == 3:  # annex item: 附件2 第13项
                label = f"{numbers.get(chain[0], '').strip()} 第{numbers[anchor]}项"
            index[anchor] = {
                "id": anchor,
                "doc": page.stem,
                "label": f"{short} {label}".strip(),
                "page": f"documents/{page.name}",
            }
    return index


_ATTRS = re.compile(r"\{\s*[#.][^}]*\}")  # attr_list: { #anchor } and { .doc-title }
_HEADING = re.compile(r"h([1-6])")
_SPACE = re.compile(r"\s+")


def clause_texts(docs: Path) -> dict[str, str]:
    """Every anchored clause's own words as printed (a heading's: its title and all below it until the
    next heading of its level or higher), read from the document pages' Markdown tokens. The site's
    notes (!!! admonitions, indented) and its tables of facts are left out: a quote is checked
    against the document, never against what the site wrote about it."""
    texts: dict[str, list[str]] = {}
    for page in sorted((docs / "documents").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if not page_meta(text).get("short"):
            continue
        body = FRONT_MATTER.sub("", text, count=1)
        open_: list[tuple[str, int]] = []  # the headings whose clause the text being read belongs to
        level = 0
        for tok in MarkdownIt("commonmark").parse(body):
            if tok.type in ("heading_open", "heading_close"):
                m = _HEADING.fullmatch(tok.tag)
                level = int(m.group(1)) if m and tok.type == "heading_open" else 0
                continue
            if tok.type != "inline" or tok.content.lstrip().startswith("!!!"):
                continue
            anchors = ANCHOR.findall(tok.content)
            words = _ATTRS.sub("", tok.content).strip()
            if level:
                open_ = [(a, lv) for a, lv in open_ if lv < level] + [(a, level) for a in anchors]
            else:  # a paragraph's anchor (the annex's numbered tasks) is the clause of that paragraph
                for anchor in anchors:
                    texts.setdefault(anchor, []).append(words)
            for anchor, _lv in open_:
                texts.setdefault(anchor, []).append(words)
    return {anchor: "\n".join(parts) for anchor, parts in texts.items()}


def quoted(words: str, clause_text: str) -> bool:
    """Whether `words` appear in the clause as printed (line breaks and spaces aside)."""
    return bool(words.strip()) and _SPACE.sub("", words) in _SPACE.sub("", clause_text)
