"""The rubric compiler: the zhibu declarations in the pages → the rubric the engine scores by.

declarations  fenced YAML in the pages, each key's line kept (errors say docs/…/page.md:LINE)
clauses       the anchored clauses of the document pages, their citation labels and their words
items         a ```zhibu-item → an item        schemes   a ```zhibu-scheme → a scheme
records       an item's 备查材料: quoted from its document (checked against the clause) or 本站建议
ids           the registry of issued IDs        compile   the whole rubric, stale check, counts
cards         the readable cards that stand in the pages for the declarations
"""

from __future__ import annotations

from .clauses import clause_index
from .compile import RUBRIC_FILE, compile_rubric, dumps, stale_reason, verify
from .declarations import FENCES, CompileError, declarations, fences, yaml_with_lines
from .ids import IDS_FILE, id_registry, ids_text, load_ids

__all__ = [
    "FENCES",
    "IDS_FILE",
    "RUBRIC_FILE",
    "CompileError",
    "clause_index",
    "compile_rubric",
    "declarations",
    "dumps",
    "fences",
    "id_registry",
    "ids_text",
    "load_ids",
    "stale_reason",
    "verify",
    "yaml_with_lines",
]
