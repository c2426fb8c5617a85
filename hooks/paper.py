"""The paper self-check (纸质自查表) and the records to keep (备查材料清单): a page of each per standard
and branch type, made at build from the rubric by zhibu_build.paper and zhibu_build.checklist,
published under self-check/paper/ with no script of their own."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from zhibu.rubric import default_rubric
from zhibu_build.checklist import records_pages
from zhibu_build.paper import paper_pages


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    rubric = default_rubric()
    for path, text in {**paper_pages(rubric), **records_pages(rubric)}.items():
        files.append(File.generated(config, path, content=text))
    return files
