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
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (source left out, source kept, why)


def score_record(source: str, text: str | bytes | Unreadable, rubric: Rubric, bits: ItemBits) -> Row | Broken:
    """One record → its row, or why it cannot count. Pure; a pool of processes may run it."""
    if isinstance(text, Unreadable):
        return Broken(source, text.reason)
    try:
        a = read_answers(text, rubric)
        result = score(rubric, a)
    except InputError as err:
        return Broken(source, "；".join(str(p) for p in err.problems[:3]))
    except Exception as err:  # a file the checks missed must not stop a roll-up of hundreds
        return Broken(source, f"无法评分（程序未能处理这个文件：{type(err).__name__}），请把它报告给网站管理员")
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
        check=a.check_date.isoformat(),
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
        if first is None:
            rows.append(entry)
            continue
        # The same branch and period twice: the later self-check is kept; on the same day, the
        # copy read first (files in name order). Which one, and why, is said.
        kept = rows[first]
        if entry.check > kept.check:
            rows.replace(first, entry)
            out.duplicates.append((kept.source, entry.source, f"保留自查日期较晚（{entry.check}）的 {entry.source}"))
        elif entry.check < kept.check:
            out.duplicates.append((entry.source, kept.source, f"保留自查日期较晚（{kept.check}）的 {kept.source}"))
        else:
            out.duplicates.append((entry.source, kept.source, f"自查日期相同，保留先读到的 {kept.source}"))
    return out


def rollup(sources: Iterable[Source], rubric: Rubric) -> Rollup:
    """Score every record; keep a row each, list the broken ones and the repeats."""
    return collect(score_records(sources, rubric), rubric)
