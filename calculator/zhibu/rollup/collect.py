"""Score every record into one small row a branch; list the broken records and the repeats.

Only one row per branch is kept (rowstore.RowStore), never a result: a committee's collection
can hold a hundred thousand records. A broken record is listed with its reason and the rest
still count; the same branch and period given twice is reported and counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..answers import read_answers
from ..errors import InputError
from ..model import Rubric
from ..scoring import score
from .itembits import ItemBits
from .rowstore import Row, RowStore
from .sources import Source, Unreadable, expand


@dataclass(frozen=True, slots=True)
class Broken:
    """A record that could not be read or scored, with the reason shown to the committee."""

    source: str
    reason: str


@dataclass
class Rollup:
    rows: RowStore
    broken: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, first source)


def score_record(source: str, text: str | bytes | Unreadable, rubric: Rubric, bits: ItemBits) -> Row | Broken:
    """One record → its row, or why it cannot count. Pure; a pool of processes may run it."""
    if isinstance(text, Unreadable):
        return Broken(source, text.reason)
    try:
        a = read_answers(text, rubric)
    except InputError as err:
        return Broken(source, "；".join(str(p) for p in err.problems[:3]))
    result = score(rubric, a)
    return Row(
        source=source,
        name=a.branch_name,
        type=a.branch_type,
        parent=a.parent,
        start=a.period_start.isoformat(),
        end=a.period_end.isoformat(),
        # The committee rolls up the standard each branch is assessed by; comparisons stay the branch's own.
        # Unfinished: items left unanswered (items merely still due, 进行中, are graded on what is due).
        verdicts={
            s.scheme.id: (round(s.score, 2), s.verdict.label, s.verdict.passed, s.answered < s.total)
            for s in result.schemes[:1]
        },
        failing=bits.of(f.outcome.item.id for f in result.findings),
    )


def score_records(sources: Iterable[Source], rubric: Rubric) -> Iterator[Row | Broken]:
    """score_record for every record of the sources, in order, in this process."""
    bits = ItemBits(rubric)
    for source, text in expand(sources):
        yield score_record(source, text, rubric, bits)


def collect(scored: Iterable[Row | Broken], rubric: Rubric) -> Rollup:
    """Rows in input order; the same branch and period again is a duplicate, counted once."""
    out = Rollup(RowStore(len(rubric.items)))
    rows = out.rows
    for entry in scored:
        if isinstance(entry, Broken):
            out.broken.append((entry.source, entry.reason))
            continue
        first = rows.find(entry.name, entry.start, entry.end)
        if first is not None:
            out.duplicates.append((entry.source, rows[first].source))
            continue
        rows.append(entry)
    return out


def rollup(sources: Iterable[Source], rubric: Rubric) -> Rollup:
    """Score every record; keep a row each, list the broken ones and the repeats."""
    return collect(score_records(sources, rubric), rubric)
