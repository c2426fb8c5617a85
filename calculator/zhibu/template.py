"""A blank answers file for a branch type: what `zhibu template` prints and the page starts from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .answers import SCHEMA_VERSION
from .facts import blank_facts
from .model import BRANCH_TYPES, Rubric


def blank_answers(rubric: Rubric, branch_type: str, today: dt.date, schemes: list[str] | None = None) -> dict[str, Any]:
    """Every fact present and not filled in (facts.blank_facts), the schemes that suit the branch type."""
    if branch_type not in BRANCH_TYPES:
        raise ValueError(branch_type)
    chosen = schemes or [s.id for s in rubric.schemes.values() if branch_type in s.branch_types]
    return {
        "schema_version": SCHEMA_VERSION,
        "rubric_version": rubric.version,
        "branch": {"name": "", "type": branch_type, "parent": ""},
        "period": {"start": f"{today.year}-01-01", "end": f"{today.year}-12-31"},
        "check_date": today.isoformat(),
        "schemes": chosen,
        "facts": blank_facts(),
        "answers": {},
        "rectification": {},
    }
