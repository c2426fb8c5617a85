"""A small RFC 5545 (iCalendar) writer for floating all-day events: what `zhibu plan --format ics` writes.

Why not the `icalendar` package: it is maintained and correct, but it needs python-dateutil and
tzdata (and typing-extensions before Python 3.13), none of which the site's Pyodide runtime ships,
while the engine is standard library only so that one small wheel scores in the browser and on the
command line alike. A year's plan needs a fraction of the format — one calendar of all-day events
with text — and that fraction is below: TEXT escaping (RFC 5545 3.3.11), CRLF line ends and lines
folded at 75 octets without splitting a UTF-8 character (3.1). `icalendar` is the tests' parser
(calculator/tests/test_plan.py): every file written here is read back by it.

Deterministic: the same events give the same bytes. DTSTAMP is the caller's (the plan passes the
first moment of the plan's year), not the clock: a plan made twice is the same file, which the tests,
the page and the command line can compare byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

LIMIT = 75  # octets a content line may hold, not counting its CRLF (RFC 5545 3.1)
# Control characters TEXT may not hold (3.3.11: any CONTROL but HTAB); line ends are escaped first.
_CONTROL = {c: None for c in [*range(0x09), *range(0x0A, 0x20), 0x7F]}


@dataclass(frozen=True)
class AllDay:
    """An event of one whole day, floating (the same date wherever the reader is)."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""


def escape(text: str) -> str:
    """TEXT as a property value holds it: backslash, semicolon, comma and line ends escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return text.translate(_CONTROL)


def fold(line: str) -> str:
    """A content line folded into physical lines of at most 75 octets (CRLF, then a space, between
    them), never inside a UTF-8 character."""
    parts: list[str] = []
    start, size = 0, 0
    room = LIMIT
    for i, char in enumerate(line):
        width = len(char.encode("utf-8"))
        if size + width > room:
            parts.append(line[start:i])
            start, size, room = i, 0, LIMIT - 1  # a continuation line begins with one space
        size += width
    parts.append(line[start:])
    return "\r\n ".join(parts) + "\r\n"


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _event(e: AllDay, stamp: str) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{escape(e.uid)}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{_date(e.day)}"
    yield f"DTEND;VALUE=DATE:{_date(e.day + dt.timedelta(days=1))}"  # the day after: DTEND is exclusive
    yield f"SUMMARY:{escape(e.summary)}"
    if e.description:
        yield f"DESCRIPTION:{escape(e.description)}"
    yield "TRANSP:TRANSPARENT"  # a reminder, not a meeting: the day is not shown as busy
    yield "END:VEVENT"


def calendar(events: Iterable[AllDay], *, prodid: str, stamp: dt.datetime, name: str = "") -> str:
    """A VCALENDAR of all-day events (METHOD:PUBLISH), as text with CRLF line ends.

    `stamp` is every event's DTSTAMP, in UTC; `name` the calendar's name as Apple and Google
    calendars show it (X-WR-CALNAME), when given."""
    when = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", f"PRODID:{escape(prodid)}", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for e in events:
        lines.extend(_event(e, when))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
