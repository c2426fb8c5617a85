"""How many inputs a secretary fills for a full self-check, per branch type and standard.

Run:  .venv/bin/python -m bench.inputs [--months 12]

An input is one judgement answered, one fact field, or one cell of the meeting grid (a meeting
row × the months of a one-year period). The page asks the items the standard holds for the
type (the rubric's applies_to), the facts those items read and the two core member counts
(form.json `reads`, facts.FACTS `core`), and the meeting rows their rules count; this prints what
that comes to, from the same declarations the page is built from. Tables of rows (党小组, 出缺)
count as one input each: their length is the branch's own.
"""

from __future__ import annotations

import argparse

from zhibu.facts import FACTS
from zhibu.model import BRANCH_TYPES
from zhibu.rubric import default_rubric
from zhibu_build.form import item_reads


def inputs(scheme: str, branch_type: str, months: int) -> tuple[int, int, int]:
    """(judgements, fact fields, meeting cells) for one standard and type, no comparison."""
    rubric = default_rubric()
    reads = item_reads(rubric)
    asked = list(rubric.items_for((scheme,), branch_type))
    used = {f.path for f in FACTS if f.core} | {p for i in asked for p in reads.get(i.id, [])}
    meetings = {p for p in used if p.startswith("meetings.")}
    judged = sum(1 for i in asked if not i.rules)
    return judged, len(used - meetings), len(meetings) * months


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12, help="months of the period (the grid's columns)")
    args = parser.parse_args()
    rubric = default_rubric()
    print(f"rubric {rubric.version}: inputs = judgements + fact fields + meeting cells ({args.months} months)")
    for branch_type in BRANCH_TYPES:
        cells = []
        for scheme in rubric.schemes:
            judged, facts, grid = inputs(scheme, branch_type, args.months)
            cells.append(f"{scheme} {judged + facts + grid} ({judged}+{facts}+{grid})")
        print(f"{branch_type}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
