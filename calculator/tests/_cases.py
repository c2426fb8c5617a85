"""Data-file test cases, read by a small helper (as markdown-it-py's fixtures are)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hypothesis import settings

CASES = Path(__file__).resolve().parent / "cases"

# Hypothesis without per-example deadlines: the property tests (which import this module) check
# behaviour, not speed, on shared two-core machines and inside Pyodide. Speed has benchmarks.
# ZHIBU_HYPOTHESIS=quick (./scripts/test --fast, and the run inside Pyodide, whose CPython twin
# already ran the full profile) tries a quarter of the examples.
settings.register_profile("full", deadline=None)
settings.register_profile("quick", deadline=None, max_examples=25)
settings.load_profile(os.environ.get("ZHIBU_HYPOTHESIS", "full"))


def examples(n: int) -> int:
    """`n` examples under the full profile, as many in proportion under another."""
    current = settings.default
    return n if current is None else max(10, n * int(current.max_examples) // 100)


def load_cases(name: str) -> list[dict[str, Any]]:
    """A JSON list of cases, each with a `title`."""
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


def case_ids(cases: list[dict[str, Any]]) -> list[str]:
    return [c["title"] for c in cases]


def load_json(name: str) -> Any:
    return json.loads((CASES / name).read_text(encoding="utf-8"))
