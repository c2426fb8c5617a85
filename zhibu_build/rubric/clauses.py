"""Every anchored clause of the five document pages, with the citation label it is cited by."""

from __future__ import annotations

import re
from pathlib import Path

from .declarations import page_meta

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
