"""Chinese search that finds whole words, or a failed build (zhibu_build/search.py says why)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from zhibu_build.search import WORKER_GLOB, patch_worker, problems


@event_priority(-200)  # after search (and offline) have written the index
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    workers = sorted(Path(config.site_dir).glob(WORKER_GLOB))
    if len(workers) != 1:
        raise PluginError(f"chinese_search: 应有一个搜索 worker，找到 {len(workers)} 个")
    try:
        workers[0].write_text(patch_worker(workers[0].read_text(encoding="utf-8")), encoding="utf-8")
    except ValueError as err:
        raise PluginError(f"chinese_search: {err}") from err
    path = Path(config.site_dir) / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise PluginError(f"chinese_search: 读不到搜索索引 {path}: {err}") from err
    found = problems(index)
    if found:
        raise PluginError("chinese_search: 中文搜索分词检查未通过：\n  " + "\n  ".join(found))
