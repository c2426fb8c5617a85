"""What the committee reads from the rows: the two lists, 达标 ratios against targets, ledgers by
verdict, grade caps, the score distribution, figures by parent organisation, the most common
problems, changes between periods and a reproducible sample.

`summary()` returns it as plain data (also what `zhibu rollup --format json` prints); the branch
table is made a row at a time when read (RowTable), not as 100,000 dicts at once.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any, overload

from ..model import Cap, Rubric
from .collect import Rollup
from .itembits import ItemBits
from .rowstore import Row, RowStore

# The score distribution's bands on a 100-point scale: below 60 in one, then 5 points each, so the
# documents' lines (合肥 and 山东 60/75/90, 苏州 95) fall on band edges. How the page and the tables
# group scores, not any document's rule.
BANDS = (60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0)
NO_PARENT = "（未填写上级党组织）"


def band_labels() -> list[str]:
    """Each band's label as the tables print it: 60 分以下, 60～64.9, …, 95～100."""
    inner = [f"{lo:g}～{hi - 0.1:g}" for lo, hi in pairwise(BANDS)]
    return [f"{BANDS[0]:g} 分以下", *inner, f"{BANDS[-1]:g}～100"]


class _SchemeTally:
    """One scheme's figures, gathered in one pass over its column of verdicts."""

    def __init__(self) -> None:
        self.branches = 0
        self.graded_only = True  # no verdict says passed or failed: a scheme of grades only
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.years: dict[int, list[int]] = {}  # year -> [passed, branches]
        self.ledger: dict[str, list[str]] = {}  # label -> names
        self.incomplete: list[str] = []  # self-checks with items unanswered: listed apart, not graded
        self.bands = [0] * (len(BANDS) + 1)
        self.parents: dict[str, list[float]] = {}  # parent -> [branches, passed, sum of scores]

    def add(
        self, name: str, year: int, score: float, parent: str, label: str, passed: bool | None, unfinished: bool
    ) -> None:
        if unfinished:
            self.incomplete.append(name)
            return
        self.branches += 1
        # banded by the score as printed (one decimal), so 89.96, shown 90.0, is in 90～94.9
        self.bands[bisect.bisect_right(BANDS, round(score, 1))] += 1
        by_parent = self.parents.setdefault(parent or NO_PARENT, [0, 0, 0.0])
        by_parent[0] += 1
        by_parent[1] += bool(passed)
        by_parent[2] += score
        tally = self.years.setdefault(year, [0, 0])
        tally[1] += 1
        if passed is not None:
            self.graded_only = False
            if passed:
                self.passed.append(name)
                tally[0] += 1
            else:
                self.failed.append(name)
        self.ledger.setdefault(label, []).append(name)


def summary(
    r: Rollup, rubric: Rubric, sample: float | None = None, seed: int = 0, first_grading: bool = False
) -> dict[str, Any]:
    """Everything the committee asks for, as plain data (also what --format json prints).

    `first_grading`: this roll-up is the first grading (首次定级), so caps the document sets for the
    first grading only (合肥 四) are checked; otherwise they are reported as not checked."""
    rows = r.rows
    schemes: dict[str, Any] = {}
    for sid, scheme in rubric.schemes.items():
        t = _SchemeTally()
        for i, score, label, passed, unfinished in rows.verdicts(sid):
            t.add(
                rows.names[i],
                int(rows.end(i)[:4]),
                100 * score / scheme.scale,
                rows.parent(i),
                label,
                passed,
                unfinished,
            )
        if not t.branches and not t.incomplete:
            continue
        entry: dict[str, Any] = {"name": scheme.name, "branches": t.branches, "incomplete": sorted(t.incomplete)}
        if not t.graded_only:
            entry["lists"] = {"passed": sorted(t.passed), "failed": sorted(t.failed)}
            # in the document's own words: 合格名单 and 不合格名单 (上海海关学院's 两张名单), 达标名单…
            entry["list_names"] = {"passed": f"{scheme.verdict['pass']}名单", "failed": f"{scheme.verdict['fail']}名单"}
            entry["ratios"] = []
            for year, (passed_n, year_n) in sorted(t.years.items()):
                ratio = passed_n / year_n
                target = next((x for x in scheme.targets if x.year == year), None)
                entry["ratios"].append(
                    {
                        "year": year,
                        "passed": passed_n,
                        "branches": year_n,
                        "ratio": round(ratio, 4),
                        "target": None if target is None else target.at_least,
                        "target_text": "" if target is None else target.text,
                        "target_clause": "" if target is None else target.clause_label,
                        "met": None if target is None else ratio >= target.at_least - 1e-9,
                    }
                )
        rank = _label_order(scheme.verdict)
        ledger = sorted(t.ledger.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
        entry["labels"] = {label: len(names) for label, names in ledger}  # best first: 先进, 中间, 后进
        entry["ledger"] = {label: sorted(names) for label, names in ledger}
        entry["distribution"] = [{"band": b, "branches": n} for b, n in zip(band_labels(), t.bands, strict=True)]
        entry["by_parent"] = [
            {
                "parent": parent,
                "branches": int(n),
                "passed": None if t.graded_only else int(passed_n),
                "mean": round(total / n, 1),
            }
            for parent, (n, passed_n, total) in sorted(t.parents.items())
        ]
        entry["caps"] = [_cap(cap, len(t.ledger.get(cap.label, ())), t.branches, first_grading) for cap in scheme.caps]
        schemes[sid] = entry
    order = ItemBits(rubric).order
    counts = {order[bit]: n for bit, n in rows.failing_counts().items()}
    top = [
        {"item": i, "text": rubric.items[i].text, "branches": n, "clauses": [c.label for c in rubric.items[i].clauses]}
        for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    ]
    out: dict[str, Any] = {
        "branches": len(rows),
        "rows": RowTable(rows),
        "broken": [{"source": s, "reason": why} for s, why in r.broken],
        "duplicates": [{"source": s, "same_as": kept, "kept": why} for s, kept, why in r.duplicates],
        "schemes": schemes,
        "frequent_problems": top,
        "changes": changes(r, rubric),
    }
    if sample is not None:
        out["sample"] = sample_branches(r, sample, seed)
    return out


def _cap(cap: Cap, count: int, branches: int, first_grading: bool) -> dict[str, Any]:
    """One cap, checked unless the document sets it for the first grading and this is not one;
    `message` is the line the text output and the page print."""
    checked = first_grading or not cap.first_grading
    allowed = math.floor(cap.at_most * branches + 1e-9)
    over = max(0, count - allowed) if checked else 0
    head = f"上限：{cap.text}——“{cap.label}” {count} 个"
    if not checked:
        message = f"{head}；此上限只适用于首次定级，本次汇总未标明为首次定级，不检查"
    else:
        state = f"超出 {over} 个，需调整" if over else "未超出"
        message = f"{head}，允许 {allowed} 个，{state}" + ("（本次为首次定级）" if cap.first_grading else "")
    return {
        "label": cap.label,
        "count": count,
        "allowed": allowed,
        "over": over,
        "checked": checked,
        "first_grading": cap.first_grading,
        "text": cap.text,
        "clause": cap.clause_label,
        "message": message,
    }


def _label_order(verdict: Mapping[str, Any]) -> dict[str, int]:
    """A scheme's verdict labels, best first, as the document lists them (A B C D; 先进 中间 后进)."""
    labels = [b["label"] for b in verdict.get("bands", ())] or [verdict.get("pass"), verdict.get("fail")]
    return {label: n for n, label in enumerate(labels) if isinstance(label, str)}


class RowTable(Sequence[dict[str, Any]]):
    """The branch table as plain data, made a row at a time when read (not 100,000 dicts at once)."""

    def __init__(self, rows: RowStore) -> None:
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
        "verdicts": {
            k: {"score": v[0], "label": v[1], "passed": v[2], "unfinished": v[3]} for k, v in row.verdicts.items()
        },
        "open_problems": row.failing.bit_count(),
    }


def changes(r: Rollup, rubric: Rubric) -> list[dict[str, Any]]:
    """Branches given for two periods: items improved, newly failing, still failing."""
    out = []
    items = ItemBits(rubric).items
    for name, kept in sorted(r.rows.repeated().items()):
        before, after = sorted((r.rows[i] for i in kept), key=lambda x: x.end)[-2:]
        out.append(
            {
                "name": name,
                "from": f"{before.start}—{before.end}",
                "to": f"{after.start}—{after.end}",
                "improved": sorted(items(before.failing & ~after.failing)),
                "worse": sorted(items(after.failing & ~before.failing)),
                "still_failing": sorted(items(before.failing & after.failing)),
            }
        )
    return out


def sample_branches(r: Rollup, ratio: float, seed: int) -> dict[str, Any]:
    """A reproducible random share of branches for cross-checking (交叉抽查), with its seed."""
    names = sorted(set(r.rows.names))
    k = min(len(names), math.ceil(ratio * len(names)))
    return {"ratio": ratio, "seed": seed, "branches": sorted(random.Random(seed).sample(names, k))}
