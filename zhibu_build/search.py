"""Chinese search that finds whole words, or a failed build.

1. Material's search plugin segments Chinese text with jieba only if jieba
   imports, and says nothing when it does not; then 三会一课 is never found.
   After the build this hook reads the search index and requires every word of
   REQUIRED_WORDS to be a whole token (jieba joins words with U+200B).
2. In the browser, Material's search worker splits a Chinese query into the
   longest words the index knows, but its loop stops one character short
   (`o<t.length`), so a query that is itself a whole word (党费, 三会一课) is
   never tried whole and falls apart into single characters. The hook patches
   that bound in the built worker (Material is pinned; an unknown worker fails
   the build rather than being left unpatched).

hooks/chinese_search.py runs both after the build.
"""

from __future__ import annotations

import re
from typing import Any

# Words that must come out of segmentation whole: they are what readers search for.
REQUIRED_WORDS = ("三会一课", "主题党日", "组织生活会", "软弱涣散", "两张名单", "党费", "积分")
ZWSP = "\u200b"
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
WORKER_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


def index_tokens(index: dict[str, Any]) -> set[str]:
    """Every token of the index, split the way the browser splits it."""
    separator = re.compile(index["config"]["separator"])
    tokens: set[str] = set()
    for doc in index["docs"]:
        for field in ("title", "text"):
            tokens.update(t for t in separator.split(doc.get(field, "")) if t)
    return tokens


def problems(index: dict[str, Any]) -> list[str]:
    """What is wrong with the index's segmentation, in Chinese; empty when fine."""
    found: list[str] = []
    if ZWSP not in index["config"]["separator"] and "u200b" not in index["config"]["separator"]:
        found.append("搜索分隔符不含 U+200B，分词结果不会被拆开")
    if not any(ZWSP in doc.get("text", "") for doc in index["docs"]):
        found.append("搜索索引中没有分词标记（U+200B）：jieba 未安装或未运行")
    tokens = index_tokens(index)
    missing = [w for w in REQUIRED_WORDS if w not in tokens]
    if missing:
        found.append("以下词没有作为完整的词进入搜索索引：" + "、".join(missing))
    return found


def patch_worker(source: str) -> str:
    """The worker's query segmentation with its loop bound corrected."""
    if source.count(WORKER_BUG) != 1:
        raise ValueError("搜索 worker 与已知版本不同，无法修正中文查询分词（升级 Material 后请检查本钩子）")
    return source.replace(WORKER_BUG, WORKER_FIX)
