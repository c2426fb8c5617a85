"""Calendar arithmetic for the documents' frequencies: months, quarters, half years, years."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Literal, NamedTuple

UNITS = ("month", "quarter", "half_year", "year")
UNIT_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
UNIT_NAMES = {"month": "月", "quarter": "季度", "half_year": "半年", "year": "年"}


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(key: str) -> tuple[int, int]:
    """`2026-03` → (2026, 3); raises ValueError on anything else."""
    if len(key) != 7 or key[4] != "-":
        raise ValueError(key)
    year, month = int(key[:4]), int(key[5:])
    if not 1 <= month <= 12:
        raise ValueError(key)
    return year, month


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def period_label(year: int, unit: str, index: int) -> str:
    """Chinese label of the index-th unit (0-based) of a year: 2026年第2季度."""
    if unit == "month":
        return f"{year}年{index + 1}月"
    if unit == "quarter":
        return f"{year}年第{index + 1}季度"
    if unit == "half_year":
        return f"{year}年{'上' if index == 0 else '下'}半年"
    return f"{year}年"


@functools.cache
def complete_periods(start: dt.date, end: dt.date, unit: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Calendar periods of `unit` lying wholly inside [start, end], with their month keys.

    A period that has not ended by `end` (the check date or the period's end) is not
    yet due, so it is not checked. Cached: every meeting rule of every branch in a
    roll-up asks for the same few periods.
    """
    return tuple(_periods(start, end, unit))


def _periods(start: dt.date, end: dt.date, unit: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    size = UNIT_MONTHS[unit]
    first = start.replace(day=1)
    # the unit's calendar boundary on or before the start (quarters begin in Jan/Apr/Jul/Oct)
    cursor = dt.date(first.year, ((first.month - 1) // size) * size + 1, 1)
    while True:
        period_end = add_months(cursor, size) - dt.timedelta(days=1)
        if period_end > end:
            return
        if cursor >= first:
            months = tuple(month_key(add_months(cursor, i)) for i in range(size))
            yield period_label(cursor.year, unit, (cursor.month - 1) // size), months
        cursor = add_months(cursor, size)


def running_period(
    start: dt.date, until: dt.date, end: dt.date, unit: str
) -> tuple[str, tuple[str, ...], dt.date] | None:
    """The calendar period of `unit` under way the day after `until` (the check date), with its
    months and last day; None when the self-check period is over by then, or when that period does
    not lie wholly inside [start, end] (such a part period is never judged, as complete_periods)."""
    day = until + dt.timedelta(days=1)
    if day > end:
        return None
    size = UNIT_MONTHS[unit]
    cursor = dt.date(day.year, ((day.month - 1) // size) * size + 1, 1)
    last = add_months(cursor, size) - dt.timedelta(days=1)
    if cursor < start.replace(day=1) or last > end:
        return None
    months = tuple(month_key(add_months(cursor, i)) for i in range(size))
    return period_label(cursor.year, unit, (cursor.month - 1) // size), months, last


# Where a calendar period falls for a check on a day: past (ended by then: judged), running (under
# way the day after), later (not begun), outside (partly outside the self-check period: never judged).
When = Literal["past", "running", "later", "outside"]


class Span(NamedTuple):
    label: str
    months: tuple[str, ...]
    last: dt.date
    when: When


@functools.cache
def timeline(start: dt.date, end: dt.date, until: dt.date, unit: str) -> tuple[Span, ...]:
    """Every calendar period of `unit` that has a month in [start, end], in order, each with where it
    falls for a check up to `until` — past and running exactly as complete_periods and running_period
    find them, so that what the page shows of a period is what the check judges of it."""
    past = {label for label, _ in complete_periods(start, until, unit)}
    running = running_period(start, until, end, unit)
    size = UNIT_MONTHS[unit]
    first = start.replace(day=1)
    cursor = dt.date(first.year, ((first.month - 1) // size) * size + 1, 1)
    out = []
    while cursor <= end:
        last = add_months(cursor, size) - dt.timedelta(days=1)
        months = tuple(month_key(add_months(cursor, i)) for i in range(size))
        label = period_label(cursor.year, unit, (cursor.month - 1) // size)
        when: When
        if label in past:
            when = "past"
        elif running is not None and label == running[0]:
            when = "running"
        elif cursor >= first and last <= end:
            when = "later"
        else:
            when = "outside"
        out.append(Span(label, months, last, when))
        cursor = add_months(cursor, size)
    return tuple(out)
