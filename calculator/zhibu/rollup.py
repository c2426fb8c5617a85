"""Roll up many branches' answers files for an upper committee: one pass, one row per branch.

Input is a stream of (source name, text) pairs — files, lines of a JSON Lines file, entries of
a zip — so a hundred thousand records never sit in memory as results; only one small row per
branch is kept. A broken file is listed with its reason and the rest still count; the same
branch and period given twice is reported and counted once.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from .errors import InputError
from .model import Rubric
from .scoring import score


@dataclass(frozen=True)
class Unreadable:
    """A record that could not even be read (a missing file, a broken zip), with the reason."""

    reason: str


Record = tuple[str, "str | bytes | Unreadable"]


@dataclass(frozen=True, slots=True)
class Row:
    """One branch in one period: what the roll-up keeps of its result (kept small: there may be 100,000)."""

    source: str
    name: str
    type: str
    parent: str
    start: str
    end: str
    verdicts: dict[str, tuple[float, str, bool | None]]  # scheme -> (score, label, passed)
    failing: int  # the items not met (未达到 or 基本达到), as bits: Rubric.items_of(failing)


@dataclass(frozen=True, slots=True)
class Broken:
    """A record that could not be read or scored, with the reason shown to the committee."""

    source: str
    reason: str


@dataclass
class Rollup:
    rows: list[Row] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, first source)


def score_record(source: str, text: str | bytes | Unreadable, rubric: Rubric) -> Row | Broken:
    """One record → its row, or why it cannot count. Pure; a pool of processes may run it."""
    from .answers import read_answers

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
        verdicts={s.scheme.id: (round(s.score, 2), s.verdict.label, s.verdict.passed) for s in result.schemes},
        failing=sum(rubric.item_bits[f.outcome.item.id] for f in result.findings),
    )


def collect(scored: Iterable[Row | Broken], rubric: Rubric) -> Rollup:
    """Rows in input order; the same branch and period again is a duplicate, counted once.

    Strings that repeat across rows (scheme IDs, labels, types, periods) are replaced by one
    shared copy, so a row costs its own text and little else.
    """
    out = Rollup()
    seen: dict[tuple[str, str, str], str] = {}
    shared: dict[str, str] = {}
    one = shared.setdefault  # one(s, s): the copy of s kept first
    for entry in scored:
        if isinstance(entry, Broken):
            out.broken.append((entry.source, entry.reason))
            continue
        key = (entry.name, entry.start, entry.end)
        if key in seen:
            out.duplicates.append((entry.source, seen[key]))
            continue
        seen[key] = entry.source
        out.rows.append(
            Row(
                source=entry.source,
                name=entry.name,
                type=one(entry.type, entry.type),
                parent=one(entry.parent, entry.parent),
                start=one(entry.start, entry.start),
                end=one(entry.end, entry.end),
                verdicts={one(k, k): (v[0], one(v[1], v[1]), v[2]) for k, v in entry.verdicts.items()},
                failing=entry.failing,
            )
        )
    return out


def rollup(records: Iterable[Record], rubric: Rubric) -> Rollup:
    """Score every record; keep a row each, list the broken ones and the repeats."""
    return collect((score_record(source, text, rubric) for source, text in records), rubric)


def _year(row: Row) -> int:
    return int(row.end[:4])


def summary(r: Rollup, rubric: Rubric, sample: float | None = None, seed: int = 0) -> dict[str, Any]:
    """Everything the committee asks for, as plain data (also what --format json prints)."""
    schemes: dict[str, Any] = {}
    for sid, scheme in rubric.schemes.items():
        rows = [row for row in r.rows if sid in row.verdicts]
        if not rows:
            continue
        entry: dict[str, Any] = {"name": scheme.name, "branches": len(rows)}
        if any(row.verdicts[sid][2] is not None for row in rows):
            passed = sorted(row.name for row in rows if row.verdicts[sid][2])
            failed = sorted(row.name for row in rows if row.verdicts[sid][2] is False)
            entry["lists"] = {"passed": passed, "failed": failed}
            by_year: dict[int, list[Row]] = {}
            for row in rows:
                by_year.setdefault(_year(row), []).append(row)
            entry["ratios"] = []
            for year, year_rows in sorted(by_year.items()):
                ratio = sum(1 for x in year_rows if x.verdicts[sid][2]) / len(year_rows)
                target = next((t for t in scheme.targets if t.year == year), None)
                entry["ratios"].append(
                    {
                        "year": year,
                        "passed": sum(1 for x in year_rows if x.verdicts[sid][2]),
                        "branches": len(year_rows),
                        "ratio": round(ratio, 4),
                        "target": None if target is None else target.at_least,
                        "target_text": "" if target is None else target.text,
                        "target_clause": "" if target is None else target.clause,
                        "met": None if target is None else ratio >= target.at_least - 1e-9,
                    }
                )
        labels = Counter(row.verdicts[sid][1] for row in rows)
        entry["labels"] = dict(sorted(labels.items()))
        entry["ledger"] = {label: sorted(row.name for row in rows if row.verdicts[sid][1] == label) for label in labels}
        entry["caps"] = []
        for cap in scheme.caps:
            allowed = math.floor(cap.at_most * len(rows) + 1e-9)
            count = labels.get(cap.label, 0)
            entry["caps"].append(
                {
                    "label": cap.label,
                    "count": count,
                    "allowed": allowed,
                    "over": max(0, count - allowed),
                    "text": cap.text,
                    "clause": cap.clause,
                }
            )
        schemes[sid] = entry
    counts = Counter(item for row in r.rows for item in rubric.items_of(row.failing))
    top = [
        {"item": i, "text": rubric.items[i].text, "branches": n, "clauses": [c.label for c in rubric.items[i].clauses]}
        for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    ]
    out: dict[str, Any] = {
        "branches": len(r.rows),
        "rows": RowTable(r.rows),
        "broken": [{"source": s, "reason": why} for s, why in r.broken],
        "duplicates": [{"source": s, "same_as": first} for s, first in r.duplicates],
        "schemes": schemes,
        "frequent_problems": top,
        "changes": changes(r, rubric),
    }
    if sample is not None:
        out["sample"] = sample_branches(r, sample, seed)
    return out


class RowTable(Sequence[dict[str, Any]]):
    """The branch table as plain data, made a row at a time when read (not 100,000 dicts at once)."""

    def __init__(self, rows: list[Row]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [_row_data(row) for row in self._rows[i]]
        return _row_data(self._rows[i])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (_row_data(row) for row in self._rows)


def _row_data(row: Row) -> dict[str, Any]:
    return {
        "source": row.source,
        "name": row.name,
        "type": row.type,
        "parent": row.parent,
        "period": f"{row.start}—{row.end}",
        "verdicts": {k: {"score": v[0], "label": v[1], "passed": v[2]} for k, v in row.verdicts.items()},
        "open_problems": row.failing.bit_count(),
    }


def changes(r: Rollup, rubric: Rubric) -> list[dict[str, Any]]:
    """Branches given for two periods: items improved, newly failing, still failing."""
    by_branch: dict[str, list[Row]] = {}
    for row in r.rows:
        by_branch.setdefault(row.name, []).append(row)
    out = []
    for name, rows in sorted(by_branch.items()):
        if len(rows) < 2:
            continue
        before, after = sorted(rows, key=lambda x: x.end)[-2:]
        out.append(
            {
                "name": name,
                "from": f"{before.start}—{before.end}",
                "to": f"{after.start}—{after.end}",
                "improved": sorted(rubric.items_of(before.failing & ~after.failing)),
                "worse": sorted(rubric.items_of(after.failing & ~before.failing)),
                "still_failing": sorted(rubric.items_of(before.failing & after.failing)),
            }
        )
    return out


def sample_branches(r: Rollup, ratio: float, seed: int) -> dict[str, Any]:
    """A reproducible random share of branches for cross-checking (交叉抽查), with its seed."""
    names = sorted({row.name for row in r.rows})
    k = min(len(names), math.ceil(ratio * len(names)))
    return {"ratio": ratio, "seed": seed, "branches": sorted(random.Random(seed).sample(names, k))}
