"""The registry of every item ID ever issued, with what it means (ids.json, beside this module).

An ID's meaning is its rules and its clauses; wording may be edited, meaning may not. An ID once
issued never leaves the registry, so it can never be issued again with another meaning.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

IDS_FILE = Path(__file__).with_name("ids.json")


def meaning(item: dict[str, Any]) -> str:
    """What an ID stands for: a hash of its rules and clauses."""
    canonical = json.dumps([item["rules"], [c["id"] for c in item["clauses"]]], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def load_ids() -> dict[str, Any]:
    return json.loads(IDS_FILE.read_text(encoding="utf-8")) if IDS_FILE.is_file() else {}


def id_registry(rubric: dict[str, Any], ids: dict[str, Any]) -> dict[str, Any]:
    """The registry with every current item's meaning (IDs never leave it)."""
    return {**ids, **{i["id"]: meaning(i) for i in rubric["items"]}}


def ids_text(registry: dict[str, Any]) -> str:
    return json.dumps(registry, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
