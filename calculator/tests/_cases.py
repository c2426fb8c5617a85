"""Data-file test cases, read by a small helper (as markdown-it-py's fixtures are)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import settings

CASES = Path(__file__).resolve().parent / "cases"

# Hypothesis without per-example deadlines: the property tests (which import this module) check
# behaviour, not speed, on shared two-core machines and inside Pyodide. Speed has benchmarks.
settings.register_profile("zhibu", deadline=None)
settings.load_profile("zhibu")


def load_cases(name: str) -> list[dict[str, Any]]:
    """A JSON list of cases, each with a `title`."""
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


def case_ids(cases: list[dict[str, Any]]) -> list[str]:
    return [c["title"] for c in cases]


def load_json(name: str) -> Any:
    return json.loads((CASES / name).read_text(encoding="utf-8"))
