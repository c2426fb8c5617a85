"""The zhibu declarations in the pages: fenced YAML blocks read with markdown-it-py, each key's line kept.

- ```zhibu-item   — one check item, in the topic page that states the requirement;
- ```zhibu-scheme — one issuing document's scheme, on that document's page;
- ```zhibu-rubric — the rubric's version and retired IDs (docs/self-check/rubric.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

FENCES = ("zhibu-item", "zhibu-scheme", "zhibu-rubric", "zhibu-applicability")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


class CompileError(Exception):
    """The declarations are wrong; `errors` lists each with `docs/…/page.md:LINE`."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Declaration:
    """A fenced declaration: its kind, data, page and the line of each key."""

    kind: str
    data: Any
    page: str  # docs-relative, e.g. topics/zuzhi-shenghuo.md
    line: int  # 1-based line of the fence
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str = "") -> str:
        return f"docs/{self.page}:{self.lines.get(key, self.line)}"

    def fields(self, what: str, known: tuple[str, ...], errors: list[str]) -> dict[str, Any] | None:
        """The declaration's key-value pairs, each unknown key an error at its line; None if not a mapping."""
        if not isinstance(self.data, dict):
            errors.append(f"{self.where()}: {what}声明应为键值对")
            return None
        for key in self.data:
            if key not in known:
                errors.append(f"{self.where(key)}: 未知的字段“{key}”（可用：{'、'.join(known)}）")
        return self.data


def yaml_with_lines(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    """YAML → data, and the line of each key path ("rules[0].kind")."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[str, int] = {}

    def walk(n: Any, path: str) -> Any:
        lines.setdefault(path, first_line + n.start_mark.line)
        if isinstance(n, yaml.MappingNode):
            return {k.value: walk(v, f"{path}.{k.value}" if path else k.value) for k, v in n.value}
        if isinstance(n, yaml.SequenceNode):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(n.value)]
        return yaml.safe_load(yaml.serialize(n))

    return (walk(node, "") if node is not None else None), lines


def page_meta(text: str) -> dict[str, Any]:
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else {}
    return meta if isinstance(meta, dict) else {}


def fences(markdown: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, first line, end line, content) of each zhibu fence, lines 0-based as markdown-it maps them."""
    for tok in MarkdownIt("commonmark").parse(markdown):
        if tok.type == "fence" and tok.info.strip() in FENCES and tok.map is not None:
            yield tok.info.strip(), tok.map[0], tok.map[1], tok.content


def declarations(page: str, text: str) -> Iterator[Declaration]:
    """The zhibu fences of one page, parsed (YAML errors become CompileError with file:line)."""
    offset = 0
    match = FRONT_MATTER.match(text)
    if match:
        offset = match.group(0).count("\n")
        text = text[match.end() :]
    for kind, start, _end, content in fences(text):
        line = start + offset + 1
        try:
            data, lines = yaml_with_lines(content, line + 1)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            at = line + 1 + (mark.line if mark else 0)
            raise CompileError([f"docs/{page}:{at}: 声明不是有效的 YAML：{getattr(err, 'problem', err)}"]) from None
        yield Declaration(kind, data, page, line, lines)


def pages_in_order(docs: Path) -> list[Path]:
    """Pages in the order of mkdocs.yml's nav, then any other page, sorted."""
    config = yaml.load((docs.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    ordered: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str) and node.endswith(".md"):
            ordered.append(node)
        elif isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            for n in node.values():
                walk(n)

    walk(config.get("nav", []))
    rest = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md") if str(p.relative_to(docs)) not in ordered)
    return [docs / p for p in ordered + rest if (docs / p).is_file()]
