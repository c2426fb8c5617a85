"""The rubric in the pages: cards for the declarations, a failed build when rubric.json is stale.

- on_config: compile the declarations (zhibu_build.rubric) and stop the build if
  `calculator/zhibu/data/rubric.json` differs from what the pages declare.
- on_files: publish the answers file's and the result's JSON Schemas under schemas/.
- on_page_markdown: replace each ```zhibu-item / ```zhibu-scheme / ```zhibu-rubric fence
  with a readable card, so a member sees the same item the self-check scores, and the
  ```zhibu-applicability fence with the table of items asked per branch type and standard.
  Cards are left out of the search index: their text repeats the clauses they cite, and the
  index is loaded on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from zhibu.schema import answers_schema_text, result_schema_text
from zhibu_build.rubric import (
    CompileError,
    clause_index,
    compile_rubric,
    fences,
    load_ids,
    stale_reason,
    yaml_with_lines,
)
from zhibu_build.rubric.cards import (
    applicability_table,
    item_card,
    item_runs,
    items_block,
    rubric_card,
    scheme_card,
)

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    docs = Path(config.docs_dir)
    try:
        rubric = compile_rubric(docs, load_ids())
        reason = stale_reason(docs, rubric)
    except CompileError as err:
        raise PluginError("自查规则声明有误：\n  " + "\n  ".join(err.errors)) from err
    if reason:
        raise PluginError(f"自查规则已过期：{reason}。请运行 .venv/bin/zhibu-build rubric 后再构建")
    _state["items"] = {i["id"]: i for i in rubric["items"]}
    _state["schemes"] = {s["id"]: s for s in rubric["schemes"]}
    _state["clauses"] = clause_index(docs)
    return config


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    schemas = {
        "answers.schema.json": answers_schema_text(),
        "result.schema.json": result_schema_text(),
    }
    for name, text in schemas.items():
        files.append(File.generated(config, f"schemas/{name}", content=text))
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    if "```zhibu-" not in markdown:
        return markdown
    lines = markdown.split("\n")
    path = page.file.src_uri
    found = list(fences(markdown))
    # Items declared one after another (blank lines between) read as one collapsed block.
    swaps = [
        (run[0][1], run[-1][2], items_block([item_card(_item(c), path) for _, _, _, c in run]))
        for run in item_runs(lines, found)
    ]
    for kind, start, end, content in found:
        data, _ = yaml_with_lines(content, 0)
        if kind == "zhibu-scheme":
            swaps.append(
                (start, end, scheme_card(_state["schemes"][data["id"]], path, _state["items"], _state["clauses"]))
            )
        elif kind == "zhibu-applicability":
            swaps.append((start, end, applicability_table(list(_state["schemes"].values()), _state["items"])))
        elif kind != "zhibu-item":
            swaps.append((start, end, rubric_card(data)))
    for start, end, card in sorted(swaps, reverse=True):
        lines[start:end] = card.split("\n")
    return "\n".join(lines)


def _item(content: str) -> dict[str, Any]:
    data, _ = yaml_with_lines(content, 0)
    return dict(_state["items"][data["id"]])
