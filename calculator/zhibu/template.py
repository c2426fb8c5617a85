"""A blank answers file for a branch type: what `zhibu template` prints and the page starts from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .facts import blank_facts
from .model import BRANCH_TYPES, SCHEMA_VERSION, Rubric


def suggested_standard(rubric: Rubric, branch_type: str) -> str:
    """The first standard (in the rubric's order) written for the branch type: a starting point only,
    since it is the branch's 上级党组织 that decides which standard it is assessed by."""
    return next(s.id for s in rubric.schemes.values() if branch_type in s.branch_types or not s.branch_types)


def blank_answers(
    rubric: Rubric, branch_type: str, today: dt.date, standard: str | None = None, compare: list[str] | None = None
) -> dict[str, Any]:
    """Every fact present and not filled in (facts.blank_facts), the standard and any comparisons."""
    if branch_type not in BRANCH_TYPES:
        raise ValueError(branch_type)
    return {
        "schema_version": SCHEMA_VERSION,
        "rubric_version": rubric.version,
        "branch": {"name": "", "type": branch_type, "parent": ""},
        "period": {"start": f"{today.year}-01-01", "end": f"{today.year}-12-31"},
        "check_date": today.isoformat(),
        "standard": standard or suggested_standard(rubric, branch_type),
        "compare": [s for s in compare or [] if s != standard],
        "facts": blank_facts(),
        "answers": {},
        "rectification": {},
    }
