"""The glossary page feeds the tooltips on every page and the search dictionary.

`docs/glossary.md` is the one place a term is written. Each term is an `h2` whose
text is exactly the term; the first paragraph after it, which starts with
**文件用法** or **一般解释**, is the tooltip. Topic pages add search words of their
own through a `terms:` list in their front matter. From these this hook writes,
before any other plugin reads them (hooks/glossary.py, on_config):

- `build/generated/abbreviations.md`, appended to every page by pymdownx.snippets;
- `build/generated/jieba_userdict.txt`, read by the search plugin's jieba.

Python-Markdown's `abbr` only matches between word boundaries (`\\b`), which never
occur inside a run of Chinese characters; the hook swaps in a matcher that only
refuses a match glued to Latin letters or digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import yaml
from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mkdocs.exceptions import PluginError

GLOSSARY = "glossary.md"
LABELS = ("文件用法", "一般解释")
TOOLTIP_MAX = 120
GENERATED = Path("build/generated")
ATTR_RE = re.compile(r"\s*\{[^}]*\}\s*$")
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term, its tooltip and where it is written."""

    term: str
    tooltip: str
    line: int


def _inline_text(token: Token) -> str:
    """Plain text of an inline token: link targets and emphasis marks dropped."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("")
    return "".join(parts).strip()


def parse_glossary(text: str, source: str = GLOSSARY) -> list[Term]:
    """Read the terms of the glossary page; raise ValueError naming `file:line`."""
    offset = 0
    match = FRONT_MATTER_RE.match(text)
    if match:
        offset = match.group(0).count("\n")
        text = text[match.end() :]
    tokens = MarkdownIt("commonmark").parse(text)
    terms: list[Term] = []
    seen: dict[str, int] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag == "h2":
            line = (tok.map[0] if tok.map else 0) + offset + 1
            term = ATTR_RE.sub("", tokens[i + 1].content).strip()
            blocks = ("paragraph_open", "heading_open")
            para = next((j for j in range(i + 3, len(tokens)) if tokens[j].type in blocks), None)
            if para is None or tokens[para].type != "paragraph_open":
                raise ValueError(f"docs/{source}:{line}: 术语“{term}”后面缺少释义段落")
            tooltip = _inline_text(tokens[para + 1])
            label = tooltip.split("：", 1)[0]
            if label not in LABELS:
                raise ValueError(f"docs/{source}:{line}: 术语“{term}”的释义应以“文件用法：”或“一般解释：”开头")
            if len(tooltip) > TOOLTIP_MAX:
                raise ValueError(
                    f"docs/{source}:{line}: 术语“{term}”的首段释义有 {len(tooltip)} 字，超过 {TOOLTIP_MAX} 字"
                )
            if term in seen:
                raise ValueError(f"docs/{source}:{line}: 术语“{term}”与第 {seen[term]} 行重复")
            seen[term] = line
            terms.append(Term(term, tooltip, line))
        i += 1
    if not terms:
        raise ValueError(f"docs/{source}: 没有找到任何术语（每个术语应是一个二级标题）")
    return terms


def topic_terms(topics_dir: Path) -> list[str]:
    """Search words that topic pages list in their `terms:` front matter."""
    words: list[str] = []
    for page in sorted(topics_dir.glob("*.md")):
        match = FRONT_MATTER_RE.match(page.read_text(encoding="utf-8"))
        if not match:
            continue
        meta = yaml.safe_load(match.group(1)) or {}
        listed = meta.get("terms", [])
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            raise ValueError(f"{page}: front matter 中的 terms 应是字符串列表")
        words.extend(listed)
    return words


def abbreviations_snippet(terms: list[Term]) -> str:
    """Markdown abbreviation definitions, one per term."""
    return "".join(f"*[{t.term}]: {t.tooltip}\n" for t in terms)


def jieba_userdict(words: list[str]) -> str:
    """A jieba user dictionary: one word a line with a high frequency so it stays whole."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    for word in unique:
        if re.search(r"\s", word):
            raise ValueError(f"搜索词“{word}”含有空白，jieba 词典不能收录")
    return "".join(f"{w} 100000 n\n" for w in unique)


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    """`abbr` that also matches inside Chinese text (no `\\b` needed there)."""

    def run(self, root: Element) -> Element | None:
        if not self.abbrs:
            return None
        keys = sorted(self.abbrs, key=len, reverse=True)
        alternatives = "|".join(re.escape(k) for k in keys)
        self.RE = re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")
        self.iter_element(root)
        return None


class CjkAbbrExtension(Extension):
    """Replace the `abbr` tree processor, keeping its collected definitions."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        if "abbr" not in md.treeprocessors:
            raise PluginError("glossary hook: the 'abbr' extension must be enabled in mkdocs.yml")
        original = md.treeprocessors["abbr"]
        assert isinstance(original, AbbrTreeprocessor)
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, original.abbrs), "abbr", 7)
