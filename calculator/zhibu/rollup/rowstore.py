"""The roll-up's rows kept in columns: a hundred thousand branches in a few tens of megabytes.

A `Row` as an object costs about a kilobyte (its verdicts dict, tuples, floats, strings). A
committee's collection can hold 100,000 of them, and the roll-up needs few of their parts at
once: the names for the lists, one scheme's verdicts, the failed items for counting. So the
store keeps each part in its own column (arrays of numbers, a bytearray of item bits, one copy
of each repeated string) and makes a `Row` again only when one is read.

It also answers "is this branch and period already here?", which is how a duplicate is found.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple, overload

_NO_SCORE = math.nan  # in a scheme's score column: the branch did not choose that scheme
# A verdict's passed (None for a grade) and unfinished (some items unanswered or still due), as a byte.
_PASSED = {(None, False): -1, (False, False): 0, (True, False): 1, (None, True): 2, (False, True): 3, (True, True): 4}
_PASSED_BACK = {byte: key for key, byte in _PASSED.items()}


class Row(NamedTuple):
    """One branch in one period: what the roll-up keeps of its result.

    A NamedTuple: rows come back from the scoring processes, and a tuple is quick to send."""

    source: str
    name: str
    type: str
    parent: str
    start: str
    end: str
    verdicts: dict[str, tuple[float, str, bool | None, bool]]  # scheme -> (score, label, passed, unfinished)
    failing: int  # the items not met (未达到 or 基本达到), as bits (itembits.ItemBits)
    check: str = ""  # the check date: of two files of one branch and period, the later is kept


class _Scheme:
    """One scheme's verdicts, a row each: score, label (a shared string's number), passed and unfinished."""

    def __init__(self, rows: int) -> None:
        self.scores = array("d", [_NO_SCORE]) * rows
        self.labels = array("I", [0]) * rows
        self.passed = array("b", [-1]) * rows


class RowStore(Sequence[Row]):
    def __init__(self, items: int) -> None:
        self._width = max(1, (items + 7) // 8)  # bytes of one row's failed-item bits
        self._strings: dict[str, int] = {}  # each repeated string kept once: text -> its number
        self._texts: list[str] = []
        self._names: list[str] = []
        self._sources: list[str] = []  # a JSON Lines source "file:12" is kept as its file and line
        self._lines = array("q")  # the line, or -1 when the source is the whole string
        self._source_ids = array("I")
        self._fields = array("I")  # type, parent, start, end: four shared strings a row
        self._choices = array("I")  # which schemes the row has, in its order (a shared tuple's number)
        self._choice_sets: dict[tuple[str, ...], int] = {}
        self._choice_list: list[tuple[str, ...]] = []
        self._schemes: dict[str, _Scheme] = {}
        self._failing = bytearray()
        self._checks = array("I")  # the check date, a shared string
        self._first: dict[str, int] = {}  # name -> its first row
        self._more: dict[tuple[str, int, int], int] = {}  # (name, start, end) -> row, for names seen again

    def _text(self, s: str) -> int:
        n = self._strings.get(s)
        if n is None:
            n = self._strings[s] = len(self._texts)
            self._texts.append(s)
        return n

    def find(self, name: str, start: str, end: str) -> int | None:
        """The row already kept for this branch and period, if any."""
        first = self._first.get(name)
        if first is None:
            return None
        period = (self._strings.get(start, -1), self._strings.get(end, -1))  # -1: a date never seen
        if (self._fields[4 * first + 2], self._fields[4 * first + 3]) == period:
            return first
        return self._more.get((name, *period))

    def _source(self, source: str) -> tuple[int, int]:
        """A source as (shared string, line): a JSON Lines source "file:12" is its file and line."""
        head, sep, tail = source.rpartition(":")
        if sep and tail.isascii() and tail.isdigit() and tail == str(int(tail)):
            return self._text(head), int(tail)
        return self._text(source), -1

    def _choice(self, row: Row) -> int:
        chosen = tuple(row.verdicts)
        choice = self._choice_sets.get(chosen)
        if choice is None:
            choice = self._choice_sets[chosen] = len(self._choice_list)
            self._choice_list.append(chosen)
        return choice

    def _set_verdicts(self, i: int, row: Row) -> None:
        for sid, (score, label, passed, unfinished) in row.verdicts.items():
            column = self._schemes.get(sid)
            if column is None:
                column = self._schemes[sid] = _Scheme(len(self._names))
            column.scores[i] = score
            column.labels[i] = self._text(label)
            column.passed[i] = _PASSED[passed, unfinished]

    def append(self, row: Row) -> None:
        i = len(self._names)
        self._names.append(row.name)
        source, line = self._source(row.source)
        self._source_ids.append(source)
        self._lines.append(line)
        start, end = self._text(row.start), self._text(row.end)
        self._fields.extend((self._text(row.type), self._text(row.parent), start, end))
        self._choices.append(self._choice(row))
        for column in self._schemes.values():  # a cell for the new row in every column
            column.scores.append(_NO_SCORE)
            column.labels.append(0)
            column.passed.append(-1)
        self._set_verdicts(i, row)
        self._failing += row.failing.to_bytes(self._width, "little")
        self._checks.append(self._text(row.check))
        if row.name in self._first:
            self._more[(row.name, start, end)] = i
        else:
            self._first[row.name] = i

    def replace(self, i: int, row: Row) -> None:
        """Row i (the same branch and period) becomes `row`: the copy of a duplicate that is kept."""
        self._source_ids[i], self._lines[i] = self._source(row.source)
        self._fields[4 * i] = self._text(row.type)
        self._fields[4 * i + 1] = self._text(row.parent)
        self._choices[i] = self._choice(row)
        for column in self._schemes.values():
            column.scores[i], column.labels[i], column.passed[i] = _NO_SCORE, 0, -1
        self._set_verdicts(i, row)
        w = self._width
        self._failing[w * i : w * i + w] = row.failing.to_bytes(w, "little")
        self._checks[i] = self._text(row.check)

    def check(self, i: int) -> str:
        return self._texts[self._checks[i]]

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, i: int) -> Row: ...
    @overload
    def __getitem__(self, i: slice) -> list[Row]: ...
    def __getitem__(self, i: int | slice) -> Row | list[Row]:
        if isinstance(i, slice):
            return [self._row(n) for n in range(len(self))[i]]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self._row(i % len(self))

    def __iter__(self) -> Iterator[Row]:
        return (self._row(i) for i in range(len(self)))

    def _row(self, i: int) -> Row:
        texts = self._texts
        line = self._lines[i]
        source = texts[self._source_ids[i]]
        kind, parent, start, end = self._fields[4 * i : 4 * i + 4]
        verdicts = {}
        for sid in self._choice_list[self._choices[i]]:
            column = self._schemes[sid]
            verdicts[sid] = (column.scores[i], texts[column.labels[i]], *_PASSED_BACK[column.passed[i]])
        return Row(
            source=source if line < 0 else f"{source}:{line}",
            name=self._names[i],
            type=texts[kind],
            parent=texts[parent],
            start=texts[start],
            end=texts[end],
            verdicts=verdicts,
            failing=self.failing(i),
            check=self.check(i),
        )

    # Columns, for the summary's passes over every row.

    @property
    def names(self) -> Sequence[str]:
        return self._names

    def end(self, i: int) -> str:
        return self._texts[self._fields[4 * i + 3]]

    def parent(self, i: int) -> str:
        return self._texts[self._fields[4 * i + 1]]

    def failing(self, i: int) -> int:
        w = self._width
        return int.from_bytes(self._failing[w * i : w * i + w], "little")

    def verdicts(self, sid: str) -> Iterator[tuple[int, float, str, bool | None, bool]]:
        """(row, score, label, passed, unfinished) for each row that chose the scheme, in row order."""
        column = self._schemes.get(sid)
        if column is None:
            return
        texts = self._texts
        for i, score in enumerate(column.scores):
            if score == score:  # not NaN: the row chose this scheme
                yield i, score, texts[column.labels[i]], *_PASSED_BACK[column.passed[i]]

    def failing_counts(self) -> Counter[int]:
        """How many rows failed each item, by the item's bit number (counted a byte column at a time)."""
        counts: Counter[int] = Counter()
        w = self._width
        for k in range(w):
            for byte, rows in Counter(self._failing[k::w]).items():
                while byte:
                    low = byte & -byte
                    counts[8 * k + low.bit_length() - 1] += rows
                    byte ^= low
        return counts

    def repeated(self) -> dict[str, list[int]]:
        """Branches kept for more than one period: name -> its rows, in row order."""
        out: dict[str, list[int]] = {}
        for name, _start, _end in self._more:
            out.setdefault(name, [self._first[name]])
        for (name, _start, _end), i in self._more.items():
            out[name].append(i)
        return out
