"""A blank answers file for a branch type: what `zhibu template` prints and the page starts from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .answers import SCHEMA_VERSION
from .model import BRANCH_TYPES, Rubric
from .rules.meetings import MEETING_TYPES


def blank_answers(rubric: Rubric, branch_type: str, today: dt.date, schemes: list[str] | None = None) -> dict[str, Any]:
    """Every fact present and empty (null: not filled in), the schemes that suit the branch type.

    An empty list would mean "none" (no party groups, no vacancy) and earn credit; a
    blank form must not, so lists and the meeting log start as null.
    """
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
        "facts": {
            "members": {"full": None, "probationary": None},
            "committee": {"has_committee": None, "size": None},
            "groups": None,
            "election": {"last": None, "extension_months": 0},
            "vacancies": None,
            "meetings": dict.fromkeys(MEETING_TYPES),
            "talks": {"members_talked": None},
            "lectures": {"members_lectured": None},
            "training": {"secretary_sessions": None},
            "funds": {
                "operating": None,
                "households": None,
                "service": None,
                "joint_org": None,
                "dues_income": None,
                "party_allocation": None,
            },
        },
        "answers": {},
        "rectification": {},
    }
