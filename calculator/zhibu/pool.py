"""Score a roll-up's records on every core of the machine (the CLI; Pyodide uses one thread).

The records stream in, in chunks, to a pool of processes that each hold the rubric; results
come back in input order, so the roll-up is the same as scoring them one by one. At most a
few chunks are in flight at a time, so a large JSON Lines file is never read ahead whole.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from .model import Rubric
from .rollup import Broken, Record, Row, score_record

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 250  # records a task: large enough that sending it costs little beside scoring it
_rubric: Rubric | None = None  # each worker process's own copy, set once when it starts


def _start(rubric: Rubric) -> None:
    global _rubric
    _rubric = rubric


def _score_chunk(chunk: list[Record]) -> list[Row | Broken]:
    assert _rubric is not None
    return [score_record(source, text, _rubric) for source, text in chunk]


def default_jobs() -> int:
    return 1 if sys.platform == "emscripten" else max(1, min(os.cpu_count() or 1, 8))


def score_all(records: Iterable[Record], rubric: Rubric, jobs: int | None = None) -> Iterator[Row | Broken]:
    """Every record scored, in input order, on `jobs` processes (default: one per core)."""
    jobs = default_jobs() if jobs is None else jobs
    stream = iter(records)
    first = list(islice(stream, 2 * CHUNK))
    if jobs <= 1 or len(first) < 2 * CHUNK:  # a small collection: starting processes costs more
        yield from (score_record(source, text, rubric) for source, text in first)
        yield from (score_record(source, text, rubric) for source, text in stream)
        return
    from concurrent.futures import ProcessPoolExecutor  # not in Pyodide's stdlib build: imported here

    chunks = _chunks(first, stream)
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(rubric,)) as pool:
        pending: deque[Future[list[Row | Broken]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_score_chunk, chunk))
            if len(pending) > 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(first: list[Record], rest: Iterator[Record]) -> Iterator[list[Record]]:
    for i in range(0, len(first), CHUNK):
        yield first[i : i + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk
