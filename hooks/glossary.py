"""Glossary → tooltips on every page and the search dictionary (zhibu_build/glossary.py says how)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from zhibu_build.glossary import (
    GENERATED,
    GLOSSARY,
    CjkAbbrExtension,
    abbreviations_snippet,
    jieba_userdict,
    parse_glossary,
    topic_terms,
)


@event_priority(100)  # before the search plugin loads the jieba dictionary
def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    try:
        terms = parse_glossary((docs / GLOSSARY).read_text(encoding="utf-8"))
        words = [t.term for t in terms] + topic_terms(docs / "topics")
        userdict = jieba_userdict(words)
    except (OSError, ValueError) as err:
        raise PluginError(str(err)) from err
    out = root / GENERATED
    out.mkdir(parents=True, exist_ok=True)
    _write_if_changed(out / "abbreviations.md", abbreviations_snippet(terms))
    _write_if_changed(out / "jieba_userdict.txt", userdict)
    config.markdown_extensions.append(CjkAbbrExtension())  # type: ignore[arg-type]
    return config


def _write_if_changed(path: Path, text: str) -> None:
    """Keep mtimes stable so `mkdocs serve` does not rebuild in a loop."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
