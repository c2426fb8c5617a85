"""The paper self-check (纸质自查表): a page per standard and branch type, made at build from the
rubric by zhibu_build.paper, published under self-check/paper/ with no script of its own."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from zhibu.rubric import default_rubric
from zhibu_build.paper import paper_pages


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    for path, text in paper_pages(default_rubric()).items():
        files.append(File.generated(config, path, content=text))
    return files
