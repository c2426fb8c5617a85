"""Planned against held: what each meeting rule of the chosen standards asks in each period of the
self-check, next to what the meeting log holds — the page's meeting grid shows it (form.js).

Nothing is decided here: the periods and what counts in each are the check's own (rules.meetings.tallies),
the count, its words and the site's readings (本站推断) are the plan's (plan.FREQUENCIES), so that the
grid, the year's plan and the score say the same of every period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .facts import MEETING_TYPES
from .model import Assessment, Item, Rubric
from .periods import UNITS
from .plan import FREQUENCIES, Frequency
from .report import clause_url
from .rules.base import Context, applies, day_words
from .rules.meetings import Tally, tallies

# How a period stands: met (达到; a running period already met too), short (ended, not met: the check
# fails it), running (under way, not yet met: 进行中), later (not begun by the check date), outside (partly
# outside the self-check period: never judged), unfilled (the meeting's row has nothing entered: the
# check asks for it to be filled in, so the grid shows what is planned).
State = Literal["met", "short", "running", "later", "outside", "unfilled"]


@dataclass(frozen=True)
class Row:
    """One requirement of one meeting: its frequency, the items that ask it, each period's tally."""

    frequency: Frequency
    items: tuple[Item, ...]
    compare_only: bool  # only a 对照 standard asks it: shown, marked, never the branch's own
    filled: bool
    tallies: tuple[Tally, ...]

    @property
    def meeting(self) -> str:
        return self.frequency.what


def state(t: Tally, filled: bool) -> State:
    if t.when == "later" or t.when == "outside":
        return t.when
    if not filled:
        return "unfilled"
    if not t.left:
        return "met"
    return "short" if t.when == "past" else "running"


def words(t: Tally, now: State, unit: str, year: int) -> str:
    """A period's state in a sentence, for the cell that shows it:
    2026年第3季度：应 1 次，已 0 次，未达到（差 1 次）."""
    if now == "outside":
        return f"{t.label}不完全在自查期内，不检查"
    need = f"{t.label}：应 {t.need} {unit}"
    if now == "later":
        return f"{need}，尚未到"
    if now == "unfilled":
        return f"{need}，这一行还没有填写"
    if now == "running":
        so_far = f"应 {t.need} {unit}，已 {t.held} {unit}，还需 {t.left} {unit}"
        return f"{t.label}进行中：{so_far}，截止 {day_words(t.last, year)}"
    if now == "short":
        return f"{need}，已 {t.held} {unit}，未达到（差 {t.left} {unit}）"
    return f"{need}，已 {t.held} {unit}，达到"


def meeting_grid(rubric: Rubric, a: Assessment) -> tuple[Row, ...]:
    """Each meeting_frequency rule of the items the assessment's standards weigh that apply to its branch
    type, one row for each meeting, period and count (the items that ask the same, together), in the
    grid's order of meetings, then by period (月 before 季度), the standard's before the 对照's."""
    ctx = Context(a.branch_type, a.period_start, a.period_end, a.check_date, a.facts)
    log = ctx.fact("meetings") or {}
    own = rubric.schemes[a.standard].item_ids
    found: dict[tuple[str, str, int], list[tuple[Frequency, Item]]] = {}
    for item in rubric.items_for(a.schemes, a.branch_type):
        for rule in item.rules:
            if rule.kind != "meeting_frequency" or not applies(rule.params, ctx):
                continue
            freq = FREQUENCIES[rule.kind](rule.params, a.branch_type)
            if freq is None or freq.count <= 0:
                continue
            found.setdefault((freq.what, freq.per, freq.count), []).append((freq, item))
    rows = []
    for (meeting, _, need), pairs in found.items():
        first = pairs[0][0]
        notes = "；".join(dict.fromkeys(f.note for f, _ in pairs if f.note))
        freq = Frequency(first.what, first.per, need, first.unit, first.who, notes)
        items = tuple({i.id: i for _, i in pairs}.values())
        held = log.get(meeting)
        periods = tuple(tallies({"per": freq.per}, ctx, need, held or {}))
        rows.append(Row(freq, items, not any(i.id in own for i in items), held is not None, periods))
    return tuple(sorted(rows, key=_order))


def _order(r: Row) -> tuple[int, bool, int, int]:
    f = r.frequency
    where = MEETING_TYPES.index(f.what) if f.what in MEETING_TYPES else len(MEETING_TYPES)
    return where, r.compare_only, UNITS.index(f.per), f.count


def grid_dicts(rows: Iterable[Row], year: int) -> list[dict[str, Any]]:
    """The rows as the page reads them (browser.handle's rescore reply, under "grid"); `year` is the
    check date's, which a running period's due day is written against (12月31日, or 2027年1月31日)."""
    return [
        {
            "meeting": r.meeting,
            "per": r.frequency.per,
            "count": r.frequency.count,
            "unit": r.frequency.unit,
            "words": r.frequency.words,
            "note": r.frequency.note,
            "compare_only": r.compare_only,
            "filled": r.filled,
            "items": [i.id for i in r.items],
            "clauses": [
                {"id": c.id, "label": c.label, "url": clause_url(c)}
                for c in dict.fromkeys(c for i in r.items for c in i.clauses)
            ],
            "periods": [_period(t, state(t, r.filled), r.frequency.unit, year) for t in r.tallies],
        }
        for r in rows
    ]


def _period(t: Tally, now: State, unit: str, year: int) -> dict[str, Any]:
    return {
        "label": t.label,
        "months": list(t.months),
        "need": t.need,
        "held": t.held,
        "left": t.left,
        "state": now,
        "words": words(t, now, unit, year),
    }
